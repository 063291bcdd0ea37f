import { KnowledgeBaseOwner } from '../../shared/domain/knowledge-base';
import { Visibility } from '../../shared/domain/visibility';
import { decideKnowledgeBase } from '../../shared/policy/knowledge-access';
import { decide } from '../../shared/policy/decide';
import type { EntryKind, RegistryEntryRef, ViewerContext } from '../../shared/policy/visibility';
import { viewerProjectRole, viewerWorkgroupRole } from '../../shared/policy/visibility';
import type { EndpointCheck, EndpointRequest, RequestPath } from '../../shared/rest/endpoint-access';
import { checkApplies, checkedAction, fieldPrefixOf, stringAt, valueAt } from '../../shared/rest/endpoint-access';
import { ApiError, notFound } from '../http/api-error';
import type { Principal } from '../http/principal';
import type { Services } from '../http/services';
import { getModelRow, modelRef } from '../registry/model-rows';
import { agentRef, getAgentRow } from '../registry/agent-store';
import { enforceEntry, registryViewer, requireEntryAction, requireRegistrationInto, requireScopeTarget, requireVisibilityChange } from '../registry/entry-access';
import { enforce } from './enforce';
import { loadViewerContext } from './viewer-context';

/**
 * A scope the caller may not see answers exactly as a missing one. Named in the path, it is the
 * resource itself (`Project not found.`); named in the body, the answer names the field.
 */
function scopeNotFound(noun: 'Project' | 'Workgroup', path: RequestPath): ApiError {
  if (path.startsWith('params.')) return notFound(noun);
  const field = path.slice('body.'.length);
  return new ApiError('not_found', `${noun} not found: ${field} names no ${noun.toLowerCase()} you can see.`, field);
}

const entryNouns = { model: 'Model', agent: 'Agent' } as const satisfies Record<EntryKind, string>;

/** A registry entry of the organization by kind and id, as the policy sees it. */
function entryRef(services: Services, kind: EntryKind, orgId: string, id: string): RegistryEntryRef | undefined {
  if (kind === 'model') {
    const row = getModelRow(services.db, orgId, id);
    return row && modelRef(row);
  }
  const row = getAgentRow(services.db, orgId, id);
  return row && agentRef(row);
}

function exists(services: Services, table: 'projects' | 'workgroups', id: string, orgId: string): boolean {
  return services.db.prepare(`SELECT 1 FROM ${table} WHERE id = ? AND org_id = ?`).get(id, orgId) !== undefined;
}

/** The workgroup or project a knowledge base belongs to, when it is not the organization's. */
function ownerScope(owner: KnowledgeBaseOwner) {
  if (owner.kind === 'workgroup') return { noun: 'Workgroup', table: 'workgroups', key: 'workgroupId', id: owner.workgroupId } as const;
  if (owner.kind === 'project') return { noun: 'Project', table: 'projects', key: 'projectId', id: owner.projectId } as const;
  return undefined;
}

function enforceCheck(services: Services, principal: Principal, viewer: ViewerContext, check: EndpointCheck, request: EndpointRequest): void {
  const { orgId, userId } = principal;
  switch (check.on) {
    case 'org': {
      // A credential acts in one organization; any other answers as a missing one would.
      if (check.id !== undefined && stringAt(request, check.id) !== orgId) throw notFound('Organization');
      enforce(decide(principal, checkedAction(check, request, userId), { scope: 'org', orgId }));
      return;
    }
    case 'project': {
      const id = stringAt(request, check.id);
      if (id === undefined) return;
      const role = exists(services, 'projects', id, orgId) ? viewerProjectRole(viewer, id) : undefined;
      if (role === undefined) throw scopeNotFound('Project', check.id);
      enforce(decide(principal, checkedAction(check, request, userId), { scope: 'project', orgId, projectRole: role }));
      return;
    }
    case 'workgroup': {
      const id = stringAt(request, check.id);
      if (id === undefined) return;
      const role = exists(services, 'workgroups', id, orgId) ? viewerWorkgroupRole(viewer, id) : undefined;
      if (role === undefined) throw scopeNotFound('Workgroup', check.id);
      enforce(decide(principal, checkedAction(check, request, userId), { scope: 'workgroup', orgId, workgroupRole: role }));
      return;
    }
    case 'entry': {
      const id = stringAt(request, check.id);
      if (id === undefined) return;
      const noun = entryNouns[check.kind];
      const entry = entryRef(services, check.kind, orgId, id);
      if (entry === undefined) throw notFound(noun);
      enforceEntry(decide(viewer, 'registry.entry.see', { scope: 'entry', entry }), noun);
      if (check.action === 'registry.entry.change-visibility') {
        const target = Visibility.parse(valueAt(request, check.target));
        requireVisibilityChange(services, viewer, entry, target, noun, fieldPrefixOf(check.target));
      } else {
        requireEntryAction(viewer, entry, check.action, noun);
      }
      return;
    }
    case 'publish': {
      const target = Visibility.parse(valueAt(request, check.visibility));
      requireScopeTarget(services, viewer, target, fieldPrefixOf(check.visibility));
      requireRegistrationInto(viewer, check.kind, target);
      return;
    }
    case 'knowledge-owner': {
      const owner = KnowledgeBaseOwner.parse(valueAt(request, check.owner));
      const scope = ownerScope(owner);
      // A missing workgroup or project, and one the caller cannot read knowledge of, are the same 404.
      const missing = scope && scopeNotFound(scope.noun, `${check.owner}.${scope.key}`);
      if (scope && missing && !exists(services, scope.table, scope.id, orgId)) throw missing;
      const decision = decideKnowledgeBase(viewer, { orgId, owner }, 'write');
      if (missing && !decision.allowed && decision.code === 'not_found') throw missing;
      enforce(decision);
      return;
    }
  }
}

/**
 * Enforces the checks an endpoint declares in the REST contract, in order, before its handler
 * runs; the client decides the same checks from the same declaration (`decide-endpoint.ts`). An
 * endpoint that asks about registry entries passes the registry's gate (the plan, then browsing)
 * before anything else, so a plan without registries answers 402 whatever else is wrong.
 */
export function enforceEndpointAccess(services: Services, principal: Principal, checks: readonly EndpointCheck[], request: EndpointRequest): void {
  const applicable = checks.filter((check) => checkApplies(check, request));
  if (applicable.length === 0) return;
  const registry = applicable.some((check) => check.on === 'entry' || check.on === 'publish');
  const viewer = registry ? registryViewer(services, principal) : loadViewerContext(services.db, principal);
  for (const check of applicable) enforceCheck(services, principal, viewer, check, request);
}
