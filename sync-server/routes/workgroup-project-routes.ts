import type { workgroupEndpoints } from '../../shared/rest/workgroup-endpoints';
import { placementWithout } from '../directory/placement-without';
import { usersWithProjectRoles } from '../directory/project-audience';
import type { Placement } from '../directory/project-placement';
import { checkPlacementChange, placementChange, workgroupsOf, writePlacement } from '../directory/project-placement';
import type { ProjectRow } from '../directory/project-rows';
import { getProjectRow, projectRowsInWorkgroup, toProject, touchProject } from '../directory/project-rows';
import { conflict, notFound } from '../http/api-error';
import type { Principal } from '../http/principal';
import type { Handlers } from '../http/register-endpoints';
import type { Services } from '../http/services';
import { recordAllowed } from '../audit/record-allowed';

type ProjectKeys = 'workgroup.project.list' | 'workgroup.project.add' | 'workgroup.project.remove';

function projectRow(services: Services, principal: Principal, projectId: string): ProjectRow {
  const row = getProjectRow(services.db, principal.orgId, projectId);
  if (!row) throw notFound('Project');
  return row;
}

/**
 * Writes a placement change of one project and announces it: the project changed, and everyone
 * holding a role on it (before or after) may have gained or lost access or registry entries.
 */
function applyPlacement(services: Services, principal: Principal, projectId: string, after: Placement, action: string, workgroupId: string): void {
  const db = services.db;
  const before = usersWithProjectRoles(db, [projectId]);
  const at = services.now().toISOString();
  writePlacement(db, projectId, after, at);
  touchProject(db, projectId, at);
  const affected = new Set([...before, ...usersWithProjectRoles(db, [projectId])]);
  recordAllowed(services, principal, {
    action,
    resourceKind: 'workgroup',
    resourceId: workgroupId,
    projectId,
    detail: { primaryWorkgroupId: after.primaryWorkgroupId, sharedWorkgroupIds: after.sharedWorkgroupIds },
  });
  services.changes.touch(principal.orgId, 'project', projectId);
  services.changes.touch(principal.orgId, 'workgroup', workgroupId);
  for (const userId of affected) services.changes.accessChanged(principal.orgId, userId);
}

export const workgroupProjectHandlers: Handlers<Pick<typeof workgroupEndpoints, ProjectKeys>> = {
  'workgroup.project.list': ({ principal, params }, services) => {
    const rows = projectRowsInWorkgroup(services.db, principal.orgId, params.id);
    // A workgroup member holds a role on every project in it, so none of these is hidden from them.
    return { items: rows.map((row) => toProject(services.db, row)) };
  },

  'workgroup.project.add': ({ principal, params, body }, services) =>
    services.write(() => {
      const before = toProject(services.db, projectRow(services, principal, body.projectId));
      if (workgroupsOf(before).includes(params.id)) throw conflict('The project is already in this workgroup.');
      const after: Placement =
        before.primaryWorkgroupId === null
          ? { primaryWorkgroupId: params.id, sharedWorkgroupIds: before.sharedWorkgroupIds }
          : { primaryWorkgroupId: before.primaryWorkgroupId, sharedWorkgroupIds: [...before.sharedWorkgroupIds, params.id] };
      checkPlacementChange(services, principal, before.id, placementChange(before, after), after);
      applyPlacement(services, principal, before.id, after, 'workgroup.project.add', params.id);
      return toProject(services.db, projectRow(services, principal, before.id));
    }),

  'workgroup.project.remove': ({ principal, params }, services) => {
    services.write(() => {
      const row = getProjectRow(services.db, principal.orgId, params.pid);
      const before = row === undefined ? undefined : toProject(services.db, row);
      if (before === undefined || !workgroupsOf(before).includes(params.id)) throw notFound('Project');
      applyPlacement(services, principal, before.id, placementWithout(before, params.id), 'workgroup.project.remove', params.id);
    });
    return undefined;
  },
};
