import type { Visibility } from '../../shared/domain/visibility';
import type { EntryAction } from '../../shared/policy/actions';
import { decide } from '../../shared/policy/decide';
import type { Decision } from '../../shared/policy/decision';
import type { EntryKind, RegistryEntryRef, ViewerContext } from '../../shared/policy/visibility';
import { seeableScopes } from '../../shared/policy/visibility';
import { enforce } from '../access/enforce';
import { requireOrg } from '../access/scope-access';
import { requirePlan } from '../access/plan-access';
import { loadViewerContext } from '../access/viewer-context';
import { visibilityScopeId } from '../directory/agent-rows';
import { ApiError, notFound } from '../http/api-error';
import type { Principal } from '../http/principal';
import type { Services } from '../http/services';

/**
 * The gate of every registry endpoint: the plan must include registries (402 naming the limit),
 * the caller must be allowed to browse them, and the policy's view of the caller is loaded fresh.
 */
export function registryViewer(services: Services, principal: Principal): ViewerContext {
  requirePlan(services, principal.orgId, { kind: 'use-registry' });
  requireOrg(principal, 'registry.read');
  return loadViewerContext(services.db, principal);
}

/**
 * Like `enforce`, but an entry the caller cannot see answers exactly what a missing one answers,
 * message included, so a refusal never confirms that the id exists.
 */
/** An entry as the caller may see it, with the viewer it was judged for. */
export interface SeenEntry<Row> {
  readonly viewer: ViewerContext;
  readonly row: Row;
}

/**
 * The entry `id` of one registry as the caller may see it: 404 when it is missing, another
 * organization's or invisible, worded the same in all three cases.
 */
export function seenEntry<Row>(
  services: Services,
  principal: Principal,
  id: string,
  registry: { readonly noun: string; load(orgId: string, id: string): Row | undefined; ref(row: Row): RegistryEntryRef },
): SeenEntry<Row> {
  const viewer = registryViewer(services, principal);
  const row = registry.load(principal.orgId, id);
  if (row === undefined) throw notFound(registry.noun);
  enforceEntry(decide(viewer, 'registry.entry.see', { scope: 'entry', entry: registry.ref(row) }), registry.noun);
  return { viewer, row };
}

export function enforceEntry(decision: Decision, what: string): void {
  if (!decision.allowed && decision.code === 'not_found') throw notFound(what);
  enforce(decision);
}

export function requireEntryAction(
  viewer: ViewerContext,
  entry: RegistryEntryRef,
  action: Exclude<EntryAction, 'registry.entry.change-visibility'>,
  what: string,
): void {
  enforceEntry(decide(viewer, action, { scope: 'entry', entry }), what);
}

/**
 * A project or workgroup named as a visibility scope must be one of the organization's that the
 * caller can see; anything else (missing, another organization's, one they are not in) is the same
 * 404, naming the field. Whether they may publish there is the policy's question, asked after.
 */
export function requireScopeTarget(services: Services, viewer: ViewerContext, target: Visibility, fieldPrefix: string): void {
  const scopes = seeableScopes(viewer);
  if (target.level === 'project') {
    const exists = services.db.prepare('SELECT 1 FROM projects WHERE id = ? AND org_id = ?').get(target.projectId, viewer.orgId);
    if (!exists || !(scopes.everyScope || scopes.projectIds.has(target.projectId))) {
      const field = `${fieldPrefix}projectId`;
      throw new ApiError('not_found', `Project not found: ${field} names no project you can see.`, field);
    }
  } else if (target.level === 'workgroup') {
    const exists = services.db.prepare('SELECT 1 FROM workgroups WHERE id = ? AND org_id = ?').get(target.workgroupId, viewer.orgId);
    if (!exists || !(scopes.everyScope || scopes.workgroupIds.has(target.workgroupId))) {
      const field = `${fieldPrefix}workgroupId`;
      throw new ApiError('not_found', `Workgroup not found: ${field} names no workgroup you can see.`, field);
    }
  }
}

/**
 * Registering is publishing a new entry of the caller's own from private into `target`, so it is
 * decided as exactly that visibility change: the same rule and the same refusal as moving an
 * existing private entry there.
 */
export function requireRegistrationInto(viewer: ViewerContext, kind: EntryKind, target: Visibility): void {
  const draft: RegistryEntryRef = {
    kind,
    orgId: viewer.orgId,
    ownerId: viewer.userId,
    visibility: { level: 'private' },
    retired: false,
    isDefaultAgent: false,
  };
  enforce(decide(viewer, 'registry.entry.change-visibility', { scope: 'entry', entry: draft, target }));
}

/**
 * Moving an entry: it must be visible (404), the caller must manage it (403), the target scope must
 * exist for them (404), and then the policy decides the move itself (403, or 409 for the default agent).
 */
export function requireVisibilityChange(
  services: Services,
  viewer: ViewerContext,
  entry: RegistryEntryRef,
  target: Visibility,
  what: string,
  fieldPrefix: string,
): void {
  requireEntryAction(viewer, entry, 'registry.entry.update', what);
  requireScopeTarget(services, viewer, target, fieldPrefix);
  enforceEntry(decide(viewer, 'registry.entry.change-visibility', { scope: 'entry', entry, target }), what);
}

export function sameVisibility(a: Visibility, b: Visibility): boolean {
  return a.level === b.level && visibilityScopeId(a) === visibilityScopeId(b);
}
