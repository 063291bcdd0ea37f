import type { Project, ProjectPatch, ProjectUpdate } from '../../shared/domain/project';
import { requireProject } from '../access/scope-access';
import { loadViewerContext } from '../access/viewer-context';
import { requireVisibleModel } from '../directory/model-references';
import { projectConfigStore } from '../directory/project-config-store';
import { usersWithProjectRoles } from '../directory/project-audience';
import { requireFreeCanonicalName, requireFreeName } from '../directory/project-names';
import { checkPlacementChange, isPlacementChanged, placementChange, writePlacement } from '../directory/project-placement';
import { getProjectRow, toProject } from '../directory/project-rows';
import { badRequest, conflict, notFound } from '../http/api-error';
import type { Principal } from '../http/principal';
import type { Services } from '../http/services';
import { recordAllowed } from '../audit/record-allowed';

const editableKeys = [
  'name',
  'canonicalName',
  'description',
  'metadata',
  'defaultModelId',
  'primaryWorkgroupId',
  'sharedWorkgroupIds',
] as const satisfies readonly (keyof ProjectUpdate)[];

/**
 * What a PATCH leaves: the current fields with the given ones laid over them. Naming a shared
 * workgroup as the new primary without resending the shares promotes it out of the shares.
 */
export function patchedProject(current: Project, patch: ProjectPatch): ProjectUpdate {
  const primaryWorkgroupId = patch.primaryWorkgroupId !== undefined ? patch.primaryWorkgroupId : current.primaryWorkgroupId;
  let sharedWorkgroupIds = patch.sharedWorkgroupIds ?? current.sharedWorkgroupIds;
  if (patch.sharedWorkgroupIds === undefined) {
    sharedWorkgroupIds = sharedWorkgroupIds.filter((id) => id !== primaryWorkgroupId);
  } else if (primaryWorkgroupId !== null && sharedWorkgroupIds.includes(primaryWorkgroupId)) {
    throw badRequest('sharedWorkgroupIds must not include the primary workgroup', 'sharedWorkgroupIds');
  }
  return {
    name: patch.name ?? current.name,
    canonicalName: patch.canonicalName ?? current.canonicalName,
    description: patch.description ?? current.description,
    metadata: patch.metadata ?? current.metadata,
    defaultModelId: patch.defaultModelId !== undefined ? patch.defaultModelId : current.defaultModelId,
    primaryWorkgroupId,
    sharedWorkgroupIds,
  };
}

/**
 * Changes a project's editable fields. Renaming needs `project.update` (the endpoint's own action); moving it between
 * workgroups also needs `project.share` and the workgroups' own rights (`project-placement.ts`).
 * The default model is part of the project's settings and is written through the config store.
 */
export function editProject(
  services: Services,
  principal: Principal,
  projectId: string,
  action: string,
  next: (current: Project) => ProjectUpdate,
): Project {
  const db = services.db;
  const viewer = loadViewerContext(db, principal);
  const store = projectConfigStore(services);
  return services.write(() => {
    const row = getProjectRow(db, principal.orgId, projectId);
    const config = store.read(projectId);
    if (!row || !config) throw notFound('Project');
    const current = toProject(db, row);
    const wanted = next(current);

    const before = { primaryWorkgroupId: current.primaryWorkgroupId, sharedWorkgroupIds: current.sharedWorkgroupIds };
    const after = { primaryWorkgroupId: wanted.primaryWorkgroupId, sharedWorkgroupIds: wanted.sharedWorkgroupIds };
    const moved = isPlacementChanged(before, after);
    const change = placementChange(before, after);
    if (moved) {
      requireProject(services, principal, projectId, 'project.share');
      checkPlacementChange(services, principal, projectId, change, after);
    }
    if (wanted.canonicalName !== current.canonicalName) requireFreeCanonicalName(db, principal.orgId, wanted.canonicalName, current);
    if (wanted.name !== current.name) requireFreeName(db, 'project', principal.orgId, wanted.name, projectId);
    const modelChanged = wanted.defaultModelId !== config.defaultModelId;
    if (modelChanged && wanted.defaultModelId !== null) {
      requireVisibleModel(db, viewer, wanted.defaultModelId, 'defaultModelId');
      if (config.modelLock !== null && !config.modelLock.includes(wanted.defaultModelId)) {
        throw conflict("defaultModelId must be one of the models in the project's model lock; change the lock first.");
      }
    }

    // Placement decides workgroup roles and which workgroup-scoped entries members see.
    const audienceBefore = moved ? usersWithProjectRoles(db, [projectId]) : [];
    const at = services.now().toISOString();
    db.prepare('UPDATE projects SET name = ?, canonical_name = ?, description = ?, metadata = ?, updated_at = ? WHERE id = ?').run(
      wanted.name,
      wanted.canonicalName,
      wanted.description,
      JSON.stringify(wanted.metadata),
      at,
      projectId,
    );
    if (modelChanged) store.write(projectId, principal.userId, { ...config, defaultModelId: wanted.defaultModelId });
    if (moved) writePlacement(db, projectId, after, at);

    const fields = editableKeys.filter((key) => JSON.stringify(current[key]) !== JSON.stringify(wanted[key]));
    recordAllowed(services, principal, {
      action,
      resourceKind: 'project',
      resourceId: projectId,
      projectId,
      detail: { fields, ...(moved ? { workgroupsAdded: change.added, workgroupsRemoved: change.removed } : {}) },
    });
    services.changes.touch(principal.orgId, 'project', projectId);
    if (moved) {
      for (const userId of new Set([...audienceBefore, ...usersWithProjectRoles(db, [projectId])])) {
        services.changes.accessChanged(principal.orgId, userId);
      }
    }
    const updated = getProjectRow(db, principal.orgId, projectId);
    if (!updated) throw notFound('Project');
    return toProject(db, updated);
  });
}
