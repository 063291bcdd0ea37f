import type { OrgRole } from '../../shared/domain/roles';
import type { SqliteDatabase } from '../store/database';
import type { UserRow } from './rows';

/**
 * Service accounts have no mailbox, but every user has a unique email (invitations are matched by
 * it). The reserved `.invalid` top-level domain can never be anyone's address, and the id part
 * makes it unique and unguessable, so no person can sign up as a service account or be invited
 * as one.
 */
function serviceEmail(userId: string): string {
  return `${userId.replace(/^usr_/, 'svc-')}@service-account.invalid`;
}

/**
 * A user of kind `service` in one organization: no password, so it can never sign in; it acts only
 * through API keys that an admin mints for it. Call inside a write, after the policy checks.
 */
export function createServiceAccount(db: SqliteDatabase, input: { id: string; orgId: string; displayName: string; role: OrgRole; at: string }): UserRow {
  const id = input.id;
  const user: UserRow = {
    id,
    email: serviceEmail(id),
    display_name: input.displayName,
    kind: 'service',
    password_hash: null,
    created_at: input.at,
  };
  db.prepare(
    'INSERT INTO users (id, email, display_name, kind, password_hash, created_at) VALUES (@id, @email, @display_name, @kind, @password_hash, @created_at)',
  ).run(user);
  db.prepare('INSERT INTO org_members (org_id, user_id, role, created_at) VALUES (?, ?, ?, ?)').run(input.orgId, id, input.role, input.at);
  return user;
}
