import type { projectEndpoints } from '../../shared/rest/project-endpoints';
import { matchesProjectFilters } from '../../shared/rest/project-list-query';
import { checkProjectDeletion } from '../../shared/policy/invariants';
import { requirePlan } from '../access/plan-access';
import { loadViewerContext } from '../access/viewer-context';
import { upsertProjectMember } from '../directory/memberships';
import { requireVisibleModel } from '../directory/model-references';
import { projectAccessHolders } from '../directory/project-members';
import { canonicalNameFor, requireFreeCanonicalName, requireFreeName } from '../directory/project-names';
import { usersWithProjectRoles } from '../directory/project-audience';
import { checkPlacementChange, noPlacement, placementChange } from '../directory/project-placement';
import { countProjects, deleteProject, getProjectRow, insertProject, listProjectRows, projectContents, toProject } from '../directory/project-rows';
import { revokePendingInvitationsTo } from '../directory/invitation-rows';
import { notFound } from '../http/api-error';
import type { Handlers } from '../http/register-endpoints';
import { newEntityId } from '../../shared/domain/new-entity-id';
import { enforceInvariant } from '../access/enforce';
import { recordAllowed } from '../audit/record-allowed';
import { projectConfigHandlers } from './project-config-routes';
import { projectContentHandlers } from './project-content-routes';
import { editProject, patchedProject } from './project-edit';
import { projectMemberHandlers } from './project-member-routes';

export const projectHandlers: Handlers<typeof projectEndpoints> = {
  'project.list': ({ principal, query }, services) => {
    const viewer = loadViewerContext(services.db, principal);
    const rows = listProjectRows(services.db, principal.orgId);
    const everything = principal.orgRole === 'owner' || principal.orgRole === 'admin';
    const visible = rows.filter((row) => everything || viewer.projectRoles.has(row.id)).map((row) => toProject(services.db, row));
    return { items: visible.filter((project) => matchesProjectFilters(project, query)) };
  },

  'project.create': ({ principal, body }, services) => {
    const canonicalName = canonicalNameFor(body.name, body.canonicalName);
    const placement = { primaryWorkgroupId: body.primaryWorkgroupId, sharedWorkgroupIds: body.sharedWorkgroupIds };
    const db = services.db;
    return services.write(() => {
      requirePlan(services, principal.orgId, { kind: 'create-project', currentProjects: countProjects(db, principal.orgId) });
      const change = placementChange(noPlacement, placement);
      checkPlacementChange(services, principal, null, change, placement);
      if (body.defaultModelId !== null) {
        requireVisibleModel(db, loadViewerContext(db, principal), body.defaultModelId, 'defaultModelId');
      }
      requireFreeCanonicalName(db, principal.orgId, canonicalName, null);
      requireFreeName(db, 'project', principal.orgId, body.name, null);
      const id = newEntityId('prj');
      const at = services.now().toISOString();
      insertProject(db, {
        id,
        orgId: principal.orgId,
        name: body.name,
        canonicalName,
        description: body.description,
        metadata: body.metadata,
        defaultModelId: body.defaultModelId,
        isDefault: false,
        primaryWorkgroupId: placement.primaryWorkgroupId,
        sharedWorkgroupIds: placement.sharedWorkgroupIds,
        at,
      });
      upsertProjectMember(db, id, principal.userId, 'owner', at);
      recordAllowed(services, principal, {
        action: 'project.create',
        resourceKind: 'project',
        resourceId: id,
        projectId: id,
        detail: { canonicalName, workgroupIds: change.added },
      });
      services.changes.touch(principal.orgId, 'project', id);
      for (const userId of usersWithProjectRoles(db, [id])) {
        services.changes.accessChanged(principal.orgId, userId);
      }
      const row = getProjectRow(db, principal.orgId, id);
      if (!row) throw notFound('Project');
      return toProject(db, row);
    });
  },

  'project.read': ({ principal, params }, services) => {
    const row = getProjectRow(services.db, principal.orgId, params.id);
    if (!row) throw notFound('Project');
    return toProject(services.db, row);
  },

  'project.update': ({ principal, params, body }, services) => editProject(services, principal, params.id, 'project.update', () => body),

  'project.patch': ({ principal, params, body }, services) =>
    editProject(services, principal, params.id, 'project.patch', (current) => patchedProject(current, body)),

  'project.delete': ({ principal, params }, services) => {
    const db = services.db;
    services.write(() => {
      const row = getProjectRow(db, principal.orgId, params.id);
      if (!row) throw notFound('Project');
      enforceInvariant(checkProjectDeletion({ isDefault: row.is_default === 1 }));
      const holders = projectAccessHolders(db, principal.orgId, row.id);
      // These go with the project (ON DELETE CASCADE); replicas must hear that they are gone too.
      const { conversationIds, agentIds } = projectContents(db, row.id);
      const at = services.now().toISOString();
      const invitationIds = revokePendingInvitationsTo(db, principal.orgId, 'project', row.id, at);
      deleteProject(db, row.id);
      // Their documents go for good, and with them every message; the conversation ids stay spent.
      services.documents.forget({ kind: 'project', id: row.id });
      for (const id of conversationIds) services.documents.forget({ kind: 'conversation', id });
      recordAllowed(services, principal, {
        action: 'project.delete',
        resourceKind: 'project',
        resourceId: row.id,
        projectId: row.id,
        detail: { name: row.name, canonicalName: row.canonical_name },
      });
      services.changes.touch(principal.orgId, 'project', row.id);
      for (const id of conversationIds) services.changes.touch(principal.orgId, 'conversation', id);
      for (const id of agentIds) services.changes.touch(principal.orgId, 'agent', id);
      for (const id of invitationIds) services.changes.touch(principal.orgId, 'invitation', id);
      for (const userId of holders) services.changes.accessChanged(principal.orgId, userId);
    });
    return undefined;
  },

  ...projectMemberHandlers,
  ...projectConfigHandlers,
  ...projectContentHandlers,
};
