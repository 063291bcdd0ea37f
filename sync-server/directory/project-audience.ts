import type { SqliteDatabase } from '../store/database';

/**
 * Everyone who holds a role on any of the projects other than through their org role: the direct
 * members and the members of every workgroup holding one of them. They are the people whose access
 * changes when a project's placement changes, since the workgroups holding a project also decide
 * which workgroup-scoped registry entries its members see.
 */
export function usersWithProjectRoles(db: SqliteDatabase, projectIds: readonly string[]): string[] {
  if (projectIds.length === 0) return [];
  const rows = db
    .prepare(
      `SELECT user_id FROM project_members WHERE project_id IN (SELECT value FROM json_each(@ids))
       UNION
       SELECT wm.user_id FROM workgroup_members wm JOIN project_workgroups pw ON pw.workgroup_id = wm.workgroup_id
       WHERE pw.project_id IN (SELECT value FROM json_each(@ids))`,
    )
    .all({ ids: JSON.stringify(projectIds) }) as { user_id: string }[];
  return rows.map((row) => row.user_id);
}
