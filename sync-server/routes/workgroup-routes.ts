import { workgroupSettingReferences } from '../../shared/policy/setting-references';
import type { Workgroup, WorkgroupSettings } from '../../shared/domain/workgroup';
import type { workgroupEndpoints } from '../../shared/rest/workgroup-endpoints';
import { hasCapability } from '../../shared/policy/capabilities';
import { decide } from '../../shared/policy/decide';
import { viewerWorkgroupRole } from '../../shared/policy/visibility';
import { enforce } from '../access/enforce';
import { requirePlan } from '../access/plan-access';
import { loadViewerContext } from '../access/viewer-context';
import { upsertWorkgroupMember } from '../directory/memberships';
import { placementWithout } from '../directory/placement-without';
import { usersWithProjectRoles } from '../directory/project-audience';
import { writePlacement } from '../directory/project-placement';
import { getProjectRow, toProject, touchProject } from '../directory/project-rows';
import {
  countWorkgroups,
  deleteWorkgroup,
  getWorkgroupRow,
  insertWorkgroup,
  listWorkgroupRows,
  settingsOf,
  toWorkgroup,
  updateWorkgroup,
  workgroupMemberIds,
  workgroupProjectIds,
} from '../directory/workgroup-rows';
import { revokePendingInvitationsTo } from '../directory/invitation-rows';
import { writeSettings } from '../sync/document-editor';
import { requireVisibleReferences } from '../directory/setting-references';
import { notFound } from '../http/api-error';
import type { Principal } from '../http/principal';
import type { Handlers } from '../http/register-endpoints';
import type { Services } from '../http/services';
import { newEntityId } from '../../shared/domain/new-entity-id';
import { recordAllowed } from '../audit/record-allowed';
import { requireFreeName } from '../directory/project-names';
import { workgroupMemberHandlers } from './workgroup-member-routes';
import { workgroupProjectHandlers } from './workgroup-project-routes';

type CrudKeys = 'workgroup.list' | 'workgroup.create' | 'workgroup.read' | 'workgroup.update' | 'workgroup.delete';

/** A model pool or tool allowlist that is not null limits what the projects may use. */
function restriction(settings: WorkgroupSettings): string {
  return JSON.stringify([settings.modelPool, settings.toolAllowlist]);
}

function restricts(settings: WorkgroupSettings): boolean {
  return settings.modelPool !== null || settings.toolAllowlist !== null;
}

function sameSettings(a: WorkgroupSettings, b: WorkgroupSettings): boolean {
  return (
    restriction(a) === restriction(b) &&
    a.systemPrompt === b.systemPrompt &&
    JSON.stringify(a.knowledgeBaseIds) === JSON.stringify(b.knowledgeBaseIds) &&
    JSON.stringify(a.agentIds) === JSON.stringify(b.agentIds)
  );
}

/**
 * Enforcing models and tools is a plan feature. Only a change that sets or alters a restriction is
 * asked: lifting one is always allowed, and a workgroup whose restriction predates a downgrade can
 * still be renamed.
 */
function requireEnforcementPlan(services: Services, orgId: string, next: WorkgroupSettings, previous: WorkgroupSettings | null): void {
  if (!restricts(next)) return;
  if (previous !== null && restriction(previous) === restriction(next)) return;
  requirePlan(services, orgId, { kind: 'enforce-models-tools' });
}

function readWorkgroup(services: Services, principal: Principal, id: string): Workgroup {
  const row = getWorkgroupRow(services.db, principal.orgId, id);
  if (!row) throw notFound('Workgroup');
  return toWorkgroup(row);
}

const crudHandlers: Handlers<Pick<typeof workgroupEndpoints, CrudKeys>> = {
  'workgroup.list': ({ principal }, services) => {
    const viewer = loadViewerContext(services.db, principal);
    const rows = listWorkgroupRows(services.db, principal.orgId);
    return {
      items: rows.filter((row) => hasCapability(viewerWorkgroupRole(viewer, row.id), 'workgroup.read')).map(toWorkgroup),
    };
  },

  'workgroup.create': ({ principal, body }, services) => {
    const db = services.db;
    return services.write(() => {
      requirePlan(services, principal.orgId, { kind: 'create-workgroup', currentWorkgroups: countWorkgroups(db, principal.orgId) });
      requireFreeName(db, 'workgroup', principal.orgId, body.name, null);
      requireEnforcementPlan(services, principal.orgId, body.settings, null);
      requireVisibleReferences(db, loadViewerContext(db, principal), workgroupSettingReferences, body.settings, null, 'settings.');
      const at = services.now().toISOString();
      const workgroup: Workgroup = {
        id: newEntityId('wg'),
        orgId: principal.orgId,
        name: body.name,
        description: body.description,
        settings: body.settings,
        createdAt: at,
        updatedAt: at,
      };
      insertWorkgroup(db, workgroup);
      upsertWorkgroupMember(db, workgroup.id, principal.userId, 'owner', at);
      recordAllowed(services, principal, { action: 'workgroup.create', resourceKind: 'workgroup', resourceId: workgroup.id });
      services.changes.touch(principal.orgId, 'workgroup', workgroup.id);
      services.changes.accessChanged(principal.orgId, principal.userId);
      return workgroup;
    });
  },

  'workgroup.read': ({ principal, params }, services) => readWorkgroup(services, principal, params.id),

  'workgroup.update': ({ principal, params, body }, services) => {
    const db = services.db;
    return services.write(() => {
      const viewer = loadViewerContext(db, principal);
      const row = getWorkgroupRow(db, principal.orgId, params.id);
      if (!row) throw notFound('Workgroup');
      const previous = settingsOf(row);
      const settingsChanged = !sameSettings(previous, body.settings);
      const detailsChanged = row.name !== body.name || row.description !== body.description;
      if (row.name !== body.name) requireFreeName(db, 'workgroup', principal.orgId, body.name, row.id);
      if (settingsChanged) {
        // Renaming (the endpoint's own action) and changing shared settings are separate rights.
        enforce(decide(principal, 'workgroup.settings.update', { scope: 'workgroup', orgId: principal.orgId, workgroupRole: viewerWorkgroupRole(viewer, row.id) }));
        requireEnforcementPlan(services, principal.orgId, body.settings, previous);
        requireVisibleReferences(db, viewer, workgroupSettingReferences, body.settings, previous, 'settings.');
      }
      // Settings live in the workgroup's shared document; connected members see the change at once.
      if (settingsChanged) writeSettings(services.documents, { kind: 'workgroup', id: row.id }, principal.userId, body.settings);
      const at = services.now().toISOString();
      updateWorkgroup(db, row.id, { name: body.name, description: body.description, settings: body.settings, updatedAt: at });
      recordAllowed(services, principal, {
        action: settingsChanged ? 'workgroup.settings.update' : 'workgroup.update',
        resourceKind: 'workgroup',
        resourceId: row.id,
        detail: { detailsChanged, settingsChanged },
      });
      services.changes.touch(principal.orgId, 'workgroup', row.id);
      return readWorkgroup(services, principal, row.id);
    });
  },

  'workgroup.delete': ({ principal, params }, services) => {
    const db = services.db;
    services.write(() => {
      const projectIds = workgroupProjectIds(db, params.id);
      // Computed before the rows go: afterwards nobody could tell who had access through the workgroup.
      const affected = new Set([...workgroupMemberIds(db, params.id), ...usersWithProjectRoles(db, projectIds)]);
      const at = services.now().toISOString();
      for (const projectId of projectIds) {
        const row = getProjectRow(db, principal.orgId, projectId);
        if (!row) continue;
        writePlacement(db, projectId, placementWithout(toProject(db, row), params.id), at);
        touchProject(db, projectId, at);
      }
      const invitations = revokePendingInvitationsTo(db, principal.orgId, 'workgroup', params.id, at);
      deleteWorkgroup(db, params.id);
      services.documents.forget({ kind: 'workgroup', id: params.id });
      recordAllowed(services, principal, {
        action: 'workgroup.delete',
        resourceKind: 'workgroup',
        resourceId: params.id,
        detail: { projectIds, membersAffected: affected.size, invitationsRevoked: invitations.length },
      });
      services.changes.touch(principal.orgId, 'workgroup', params.id);
      for (const projectId of projectIds) services.changes.touch(principal.orgId, 'project', projectId);
      for (const id of invitations) services.changes.touch(principal.orgId, 'invitation', id);
      for (const userId of affected) services.changes.accessChanged(principal.orgId, userId);
    });
    return undefined;
  },
};

export const workgroupHandlers: Handlers<typeof workgroupEndpoints> = {
  ...crudHandlers,
  ...workgroupProjectHandlers,
  ...workgroupMemberHandlers,
};
