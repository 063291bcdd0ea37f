import type { OrganizationMembership } from '../../shared/rest/account-endpoints';
import type { OrgRole } from '../../shared/domain/roles';
import type { SqliteDatabase } from '../store/database';
import type { OrganizationRow } from './rows';
import { toOrganization } from './rows';

/** Every organization `userId` belongs to, with their role, oldest membership first. */
export function organizationMemberships(db: SqliteDatabase, userId: string): OrganizationMembership[] {
  const rows = db
    .prepare(
      `SELECT o.*, m.role AS member_role FROM org_members m JOIN organizations o ON o.id = m.org_id
       WHERE m.user_id = ? ORDER BY m.created_at, o.id`,
    )
    .all(userId) as (OrganizationRow & { member_role: OrgRole })[];
  return rows.map(({ member_role, ...org }) => ({ organization: toOrganization(org), role: member_role }));
}
