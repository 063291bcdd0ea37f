import type { OrgRole } from '../../shared/domain/roles';
import type { OrgMember } from '../../shared/rest/org-endpoints';
import type { Membership } from '../../shared/policy/invariants';
import type { SqliteDatabase } from '../store/database';
import type { UserRow } from './rows';
import { toUser } from './rows';

type MemberRow = UserRow & { role: OrgRole; joined_at: string };

const memberSelect = 'SELECT u.*, m.role, m.created_at AS joined_at FROM org_members m JOIN users u ON u.id = m.user_id';

const toMember = (row: MemberRow): OrgMember => ({ user: toUser(row), role: row.role, joinedAt: row.joined_at });

export function listOrgMembers(db: SqliteDatabase, orgId: string): OrgMember[] {
  return (db.prepare(`${memberSelect} WHERE m.org_id = ? ORDER BY m.created_at, u.id`).all(orgId) as MemberRow[]).map(toMember);
}

export function getOrgMember(db: SqliteDatabase, orgId: string, userId: string): OrgMember | undefined {
  const row = db.prepare(`${memberSelect} WHERE m.org_id = ? AND m.user_id = ?`).get(orgId, userId) as MemberRow | undefined;
  return row === undefined ? undefined : toMember(row);
}

/** The memberships, as the invariants read them. */
export function orgMemberships(db: SqliteDatabase, orgId: string): Membership<OrgRole>[] {
  return (db.prepare('SELECT user_id, role FROM org_members WHERE org_id = ?').all(orgId) as { user_id: string; role: OrgRole }[]).map(
    (row) => ({ userId: row.user_id, role: row.role }),
  );
}
