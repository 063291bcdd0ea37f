import { KnowledgeBaseOwner } from '../domain/knowledge-base';
import { Visibility } from '../domain/visibility';
import type { Decision } from './decision';
import { allow } from './decision';
import { subjectOf } from './subject';
import { decideEntryAction, decideOrgAction, decideProjectAction, decideWorkgroupAction } from './decide';
import type { EndpointKey } from '../rest/api-contract';
import type { EndpointCheck, EndpointRequest } from '../rest/endpoint-access';
import { checkApplies, checkedAction, stringAt, valueAt } from '../rest/endpoint-access';
import { endpointPolicy } from './endpoint-policy';
import { decideKnowledgeBase } from './knowledge-access';
import type { EntryKind, RegistryEntryRef, ViewerContext } from './visibility';
import { seeableScopes, viewerProjectRole, viewerWorkgroupRole } from './visibility';

/**
 * What the client knows about the caller: their roles as last replicated, and the registry
 * entries it holds. A scope or an entry the client does not know is not refused here: the local
 * copy may simply be behind, and the server decides.
 */
export interface PolicyFacts {
  readonly viewer: ViewerContext;
  entry(kind: EntryKind, id: string): RegistryEntryRef | undefined;
}

/**
 * The decision on one check, or `undefined` when the client cannot tell: the subject is one its
 * copy does not hold, so the server will answer (404 when the caller may not see it) and nothing
 * after this check is for the client to judge.
 */
function decideCheck(check: EndpointCheck, request: EndpointRequest, facts: PolicyFacts): Decision | undefined {
  const { viewer } = facts;
  const subject = subjectOf({ userId: viewer.userId, orgId: viewer.orgId, credentialOrgRole: viewer.orgRole });
  switch (check.on) {
    case 'org': {
      // Another organization is the server's to answer (as missing).
      if (check.id !== undefined && stringAt(request, check.id) !== viewer.orgId) return undefined;
      return decideOrgAction(subject, checkedAction(check, request, viewer.userId), { scope: 'org', orgId: viewer.orgId });
    }
    case 'project': {
      const id = stringAt(request, check.id);
      if (id === undefined) return allow;
      const role = viewerProjectRole(viewer, id);
      if (role === undefined) return undefined;
      return decideProjectAction(subject, checkedAction(check, request, viewer.userId), { scope: 'project', orgId: viewer.orgId, projectRole: role });
    }
    case 'workgroup': {
      const id = stringAt(request, check.id);
      if (id === undefined) return allow;
      const role = viewerWorkgroupRole(viewer, id);
      if (role === undefined) return undefined;
      return decideWorkgroupAction(subject, checkedAction(check, request, viewer.userId), { scope: 'workgroup', orgId: viewer.orgId, workgroupRole: role });
    }
    case 'entry': {
      const id = stringAt(request, check.id);
      if (id === undefined) return allow;
      const entry = facts.entry(check.kind, id);
      if (entry === undefined) return undefined;
      if (check.action !== 'registry.entry.change-visibility') return decideEntryAction(viewer, check.action, { scope: 'entry', entry });
      // Moving an entry is changing it first: who may not change it is told that, whatever the target.
      const change = decideEntryAction(viewer, 'registry.entry.update', { scope: 'entry', entry });
      if (!change.allowed) return change;
      const target = Visibility.safeParse(valueAt(request, check.target));
      if (!target.success || !knowsScope(viewer, target.data)) return undefined;
      return decideEntryAction(viewer, check.action, { scope: 'entry', entry, target: target.data });
    }
    case 'publish': {
      const target = Visibility.safeParse(valueAt(request, check.visibility));
      if (!target.success || !knowsScope(viewer, target.data)) return undefined;
      // Registering is decided as the server does: moving a new private entry of the caller's there.
      const draft: RegistryEntryRef = {
        kind: check.kind,
        orgId: viewer.orgId,
        ownerId: viewer.userId,
        visibility: { level: 'private' },
        retired: false,
        isDefaultAgent: false,
      };
      return decideEntryAction(viewer, 'registry.entry.change-visibility', { scope: 'entry', entry: draft, target: target.data });
    }
    case 'knowledge-owner': {
      const owner = KnowledgeBaseOwner.safeParse(valueAt(request, check.owner));
      if (!owner.success) return undefined;
      const decision = decideKnowledgeBase(viewer, { orgId: viewer.orgId, owner: owner.data }, 'write');
      // An owner the local copy cannot see may be one it has not heard of yet.
      return !decision.allowed && decision.code === 'not_found' ? undefined : decision;
    }
  }
}

/**
 * A project or workgroup scope the caller cannot see (by the same rule the server names a missing
 * scope by) is for the server to judge: the local copy may not have heard of it yet.
 */
function knowsScope(viewer: ViewerContext, target: Visibility): boolean {
  const scopes = seeableScopes(viewer);
  if (target.level === 'project') return scopes.projectIds.has(target.projectId);
  if (target.level === 'workgroup') return scopes.workgroupIds.has(target.workgroupId);
  return true;
}

/**
 * Whether the caller may send this request, by the checks its contract declares (`endpointPolicy`),
 * in the server's order: the first refusal, or allowed (also when a subject is not in the local
 * copy: the server judges from there). Endpoints without checks are allowed.
 */
export function decideEndpoint(endpoint: EndpointKey, request: EndpointRequest, facts: PolicyFacts): Decision {
  for (const check of endpointPolicy[endpoint] ?? []) {
    if (!checkApplies(check, request)) continue;
    const decision = decideCheck(check, request, facts);
    if (decision === undefined) return allow;
    if (!decision.allowed) return decision;
  }
  return allow;
}
