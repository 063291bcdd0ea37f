import type { ProjectRole, WorkgroupRole } from '../../shared/domain/roles';
import { effectiveProjectRole } from '../../shared/policy/effective-role';
import type { ViewerContext } from '../../shared/policy/visibility';
import type { Principal } from '../http/principal';
import type { SqliteDatabase } from '../store/database';

/**
 * Everything the policy needs to know about the caller, read fresh for each request with one query
 * per table, so a role changed a moment ago already counts.
 */
export function loadViewerContext(db: SqliteDatabase, principal: Pick<Principal, 'userId' | 'orgId' | 'orgRole'>): ViewerContext {
  const { userId, orgId } = principal;
  const direct = db
    .prepare(
      `SELECT pm.project_id, pm.role FROM project_members pm JOIN projects p ON p.id = pm.project_id
       WHERE pm.user_id = ? AND p.org_id = ?`,
    )
    .all(userId, orgId) as { project_id: string; role: ProjectRole }[];
  const workgroups = db
    .prepare(
      `SELECT wm.workgroup_id, wm.role FROM workgroup_members wm JOIN workgroups w ON w.id = wm.workgroup_id
       WHERE wm.user_id = ? AND w.org_id = ?`,
    )
    .all(userId, orgId) as { workgroup_id: string; role: WorkgroupRole }[];
  const placements = db
    .prepare(
      `SELECT pw.project_id, pw.workgroup_id FROM project_workgroups pw
       WHERE pw.project_id IN (SELECT project_id FROM project_members WHERE user_id = @userId)
          OR pw.project_id IN (SELECT pw2.project_id FROM project_workgroups pw2
                               JOIN workgroup_members wm ON wm.workgroup_id = pw2.workgroup_id
                               WHERE wm.user_id = @userId)`,
    )
    .all({ userId }) as { project_id: string; workgroup_id: string }[];

  const workgroupRoles = new Map(workgroups.map((w) => [w.workgroup_id, w.role]));
  const directRoles = new Map(direct.map((d) => [d.project_id, d.role]));
  const projectWorkgroups = new Map<string, string[]>();
  for (const placement of placements) {
    const list = projectWorkgroups.get(placement.project_id) ?? [];
    list.push(placement.workgroup_id);
    projectWorkgroups.set(placement.project_id, list);
  }

  const defaultProjectId = db.prepare('SELECT id FROM projects WHERE org_id = ? AND is_default = 1').pluck().get(orgId) as string | undefined;
  const projectRoles = new Map<string, ProjectRole>();
  const seen = [...directRoles.keys(), ...projectWorkgroups.keys(), ...(defaultProjectId === undefined ? [] : [defaultProjectId])];
  for (const projectId of new Set(seen)) {
    const { role } = effectiveProjectRole({
      // The org grant to owners and admins is applied by the policy functions that read this context.
      orgRole: 'member',
      directRole: directRoles.get(projectId),
      projectWorkgroupIds: projectWorkgroups.get(projectId) ?? [],
      workgroupRoles,
      isDefaultProject: projectId === defaultProjectId,
    });
    if (role !== undefined) projectRoles.set(projectId, role);
  }
  return { userId, orgId, orgRole: principal.orgRole, projectRoles, workgroupRoles, projectWorkgroups };
}
