import type { OrgRole, ProjectRole } from '../../shared/domain/roles';
import type { SqliteDatabase } from '../store/database';

/** Adds the user to the organization with `role`, or leaves an existing membership as it is. */
export function ensureOrgMember(db: SqliteDatabase, orgId: string, userId: string, role: OrgRole, at: string): boolean {
  const result = db
    .prepare('INSERT INTO org_members (org_id, user_id, role, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING')
    .run(orgId, userId, role, at);
  return result.changes > 0;
}

/** POST semantics of the design: adding an existing member updates their role. */
export function upsertProjectMember(db: SqliteDatabase, projectId: string, userId: string, role: ProjectRole, at: string): void {
  db.prepare(
    `INSERT INTO project_members (project_id, user_id, role, created_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (project_id, user_id) DO UPDATE SET role = excluded.role`,
  ).run(projectId, userId, role, at);
}

export function upsertWorkgroupMember(db: SqliteDatabase, workgroupId: string, userId: string, role: ProjectRole, at: string): void {
  db.prepare(
    `INSERT INTO workgroup_members (workgroup_id, user_id, role, created_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (workgroup_id, user_id) DO UPDATE SET role = excluded.role`,
  ).run(workgroupId, userId, role, at);
}
