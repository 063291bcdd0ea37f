import { Visibility } from '../domain/visibility';
import type { Decision } from './decision';
import { allow } from './decision';
import { subjectOf } from './subject';
import { decideEntryAction, decideOrgAction, decideProjectAction, decideWorkgroupAction } from './decide';
import type { EndpointKey } from '../rest/api-contract';
import type { EndpointCheck, RequestPath } from './endpoint-policy';
import { endpointPolicy } from './endpoint-policy';
import type { EntryKind, RegistryEntryRef, ViewerContext } from './visibility';
import { viewerProjectRole, viewerWorkgroupRole } from './visibility';

/** The parts of a REST request the policy looks at. */
export interface EndpointRequest {
  readonly params?: Readonly<Record<string, string>> | undefined;
  readonly body?: unknown;
}

/**
 * What the client knows about the caller: their roles as last replicated, and the registry
 * entries it holds. A scope or an entry the client does not know is not refused here: the local
 * copy may simply be behind, and the server decides.
 */
export interface PolicyFacts {
  readonly viewer: ViewerContext;
  entry(kind: EntryKind, id: string): RegistryEntryRef | undefined;
}

function valueAt(request: EndpointRequest, path: RequestPath): unknown {
  const [root, ...rest] = path.split('.');
  let value: unknown = root === 'params' ? request.params : request.body;
  for (const key of rest) {
    // Own properties only, so a crafted key such as `__proto__` finds nothing.
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function stringAt(request: EndpointRequest, path: RequestPath): string | undefined {
  const value = valueAt(request, path);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function isSelf(request: EndpointRequest, viewer: ViewerContext, path: RequestPath | undefined): boolean {
  return path !== undefined && stringAt(request, path) === viewer.userId;
}

function decideCheck(check: EndpointCheck, request: EndpointRequest, facts: PolicyFacts): Decision {
  const { viewer } = facts;
  const subject = subjectOf({ userId: viewer.userId, orgId: viewer.orgId, credentialOrgRole: viewer.orgRole });
  switch (check.on) {
    case 'org': {
      const action = check.self && isSelf(request, viewer, check.self.userId) ? check.self.action : check.action;
      return decideOrgAction(subject, action, { scope: 'org', orgId: viewer.orgId });
    }
    case 'project': {
      const id = stringAt(request, check.id);
      const role = id === undefined ? undefined : viewerProjectRole(viewer, id);
      if (role === undefined) return allow;
      const action = check.self && isSelf(request, viewer, check.self.userId) ? check.self.action : check.action;
      return decideProjectAction(subject, action, { scope: 'project', orgId: viewer.orgId, projectRole: role });
    }
    case 'workgroup': {
      const id = stringAt(request, check.id);
      const role = id === undefined ? undefined : viewerWorkgroupRole(viewer, id);
      if (role === undefined) return allow;
      const action = check.self && isSelf(request, viewer, check.self.userId) ? check.self.action : check.action;
      return decideWorkgroupAction(subject, action, { scope: 'workgroup', orgId: viewer.orgId, workgroupRole: role });
    }
    case 'entry': {
      const id = stringAt(request, check.id);
      const entry = id === undefined ? undefined : facts.entry(check.kind, id);
      if (entry === undefined) return allow;
      if (check.target === undefined) return decideEntryAction(viewer, check.action, { scope: 'entry', entry });
      const target = Visibility.safeParse(valueAt(request, check.target));
      if (!target.success || !knowsScope(viewer, target.data)) return allow;
      return decideEntryAction(viewer, check.action, { scope: 'entry', entry, target: target.data });
    }
    case 'publish': {
      const target = Visibility.safeParse(valueAt(request, check.visibility));
      if (!target.success || !knowsScope(viewer, target.data)) return allow;
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
  }
}

/** A project or workgroup scope the caller holds no role on is for the server to judge. */
function knowsScope(viewer: ViewerContext, target: Visibility): boolean {
  if (target.level === 'project') return viewerProjectRole(viewer, target.projectId) !== undefined;
  if (target.level === 'workgroup') return viewerWorkgroupRole(viewer, target.workgroupId) !== undefined;
  return true;
}

function applies(check: EndpointCheck, request: EndpointRequest): boolean {
  return check.when === undefined || valueAt(request, check.when.path) === check.when.equals;
}

/**
 * Whether the caller may send this request, by the endpoint's row of `endpointPolicy`: the first
 * refusal among its checks, or allowed. Endpoints without a row are allowed.
 */
export function decideEndpoint(endpoint: EndpointKey, request: EndpointRequest, facts: PolicyFacts): Decision {
  for (const check of endpointPolicy[endpoint] ?? []) {
    if (!applies(check, request)) continue;
    const decision = decideCheck(check, request, facts);
    if (!decision.allowed) return decision;
  }
  return allow;
}
