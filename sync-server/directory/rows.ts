import type { ApiKey } from '../../shared/domain/api-key';
import type { Invitation, InvitationTarget } from '../../shared/domain/invitation';
import type { Organization } from '../../shared/domain/organization';
import type { Plan } from '../../shared/domain/plan';
import type { OrgRole, ProjectRole } from '../../shared/domain/roles';
import type { User, UserKind } from '../../shared/domain/user';
import type { SqliteDatabase } from '../store/database';
import { parseStoredScopes } from './key-scopes';

/** Column shapes of the directory tables and their mapping to the shared domain types. */
export interface OrganizationRow {
  id: string;
  name: string;
  slug: string;
  plan: Plan;
  created_at: string;
}

export interface UserRow {
  id: string;
  email: string;
  display_name: string;
  kind: UserKind;
  password_hash: string | null;
  created_at: string;
}

export interface ApiKeyRow {
  id: string;
  org_id: string;
  user_id: string;
  name: string;
  prefix: string;
  secret_hash: string;
  /** Space-separated key scopes (`key-scopes.ts`). */
  scopes: string;
  created_at: string;
  last_used_at: string | null;
  expires_at: string | null;
  revoked_at: string | null;
}

export interface InvitationRow {
  id: string;
  org_id: string;
  email: string;
  target_kind: InvitationTarget['kind'];
  target_id: string;
  role: string;
  status: Invitation['status'];
  invited_by: string;
  created_at: string;
  resolved_at: string | null;
  /** SHA-256 of the one-time secret. */
  secret_hash: string | null;
  /** The account that presented the secret, while the invitation is still pending. */
  claimed_by: string | null;
}

export const toOrganization = (row: OrganizationRow): Organization => ({
  id: row.id,
  name: row.name,
  slug: row.slug,
  plan: row.plan,
  createdAt: row.created_at,
});

export const toUser = (row: UserRow): User => ({
  id: row.id,
  email: row.email,
  displayName: row.display_name,
  kind: row.kind,
  createdAt: row.created_at,
});

export const toApiKey = (row: ApiKeyRow): ApiKey => ({
  id: row.id,
  orgId: row.org_id,
  userId: row.user_id,
  name: row.name,
  prefix: row.prefix,
  scopes: parseStoredScopes(row.scopes),
  createdAt: row.created_at,
  lastUsedAt: row.last_used_at,
  expiresAt: row.expires_at,
  revokedAt: row.revoked_at,
});

export function invitationTarget(row: InvitationRow): InvitationTarget {
  switch (row.target_kind) {
    case 'organization':
      return { kind: 'organization', role: row.role as OrgRole };
    case 'workgroup':
      return { kind: 'workgroup', workgroupId: row.target_id, role: row.role as ProjectRole };
    case 'project':
      return { kind: 'project', projectId: row.target_id, role: row.role as ProjectRole };
  }
}

export const toInvitation = (row: InvitationRow): Invitation => ({
  id: row.id,
  orgId: row.org_id,
  email: row.email,
  target: invitationTarget(row),
  status: row.status,
  invitedBy: row.invited_by,
  createdAt: row.created_at,
});

export function getOrganizationRow(db: SqliteDatabase, id: string): OrganizationRow | undefined {
  return db.prepare('SELECT * FROM organizations WHERE id = ?').get(id) as OrganizationRow | undefined;
}

export function getUserRow(db: SqliteDatabase, id: string): UserRow | undefined {
  return db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
}

export function findUserByEmail(db: SqliteDatabase, email: string): UserRow | undefined {
  return db.prepare('SELECT * FROM users WHERE email = ?').get(email) as UserRow | undefined;
}

/** The organizations a user belongs to, oldest membership first. */
export function orgChoices(db: SqliteDatabase, userId: string): { id: string; name: string; role: OrgRole }[] {
  return db
    .prepare(
      `SELECT o.id, o.name, m.role FROM org_members m JOIN organizations o ON o.id = m.org_id
       WHERE m.user_id = ? ORDER BY m.created_at, o.id`,
    )
    .all(userId) as { id: string; name: string; role: OrgRole }[];
}
