import type { EntryAction, OrgAction, ProjectAction, WorkgroupAction } from '../policy/actions';
import type { EntryKind } from '../policy/visibility';

/**
 * Where a check finds a value in a REST request: a dotted path into its path parameters or its
 * body (`params.id`, `body.target.projectId`).
 */
export type RequestPath = `params.${string}` | `body.${string}` | 'body';

/** Applies the check only when the value at `path` equals `equals` (an invitation's target kind). */
export interface CheckCondition {
  readonly path: RequestPath;
  readonly equals: string;
}

/**
 * Removing yourself is leaving: when the user id at `userId` is the caller's own, `action` is
 * decided instead of the check's own.
 */
export interface SelfRule<A> {
  readonly userId: RequestPath;
  readonly action: A;
}

interface Conditional {
  readonly when?: CheckCondition;
}

/**
 * One policy question a request raises, and where its subject comes from. A scope id that is
 * absent (or null) in the request asks nothing: the endpoint's schema decides whether it may be.
 */
export type EndpointCheck =
  | (Conditional & {
      readonly on: 'org';
      readonly action: OrgAction;
      /** The organization id in the path, for endpoints addressed by it: any other than the caller's answers 404. */
      readonly id?: RequestPath;
      readonly self?: SelfRule<OrgAction>;
    })
  | (Conditional & {
      readonly on: 'project';
      readonly action: ProjectAction;
      readonly id: RequestPath;
      readonly self?: SelfRule<ProjectAction>;
    })
  | (Conditional & {
      readonly on: 'workgroup';
      readonly action: WorkgroupAction;
      readonly id: RequestPath;
      readonly self?: SelfRule<WorkgroupAction>;
    })
  | (Conditional & {
      readonly on: 'entry';
      readonly kind: EntryKind;
      readonly action: Exclude<EntryAction, 'registry.entry.change-visibility'>;
      readonly id: RequestPath;
    })
  | (Conditional & {
      readonly on: 'entry';
      readonly kind: EntryKind;
      readonly action: 'registry.entry.change-visibility';
      readonly id: RequestPath;
      /** Where the request names the visibility the entry is moved to. */
      readonly target: RequestPath;
    })
  /** Making an entry of `kind` visible at the visibility found at `visibility` (registering it). */
  | (Conditional & { readonly on: 'publish'; readonly kind: EntryKind; readonly visibility: RequestPath })
  /** Writing knowledge for the owner (organization, workgroup or project) found at `owner`, by the knowledge rules. */
  | (Conditional & { readonly on: 'knowledge-owner'; readonly owner: RequestPath });

/** The parts of a REST request a check looks at. */
export interface EndpointRequest {
  readonly params?: unknown;
  readonly body?: unknown;
}

/** The value at `path` in the request; own properties only, so a crafted key such as `__proto__` finds nothing. */
export function valueAt(request: EndpointRequest, path: RequestPath): unknown {
  const [root, ...rest] = path.split('.');
  let value: unknown = root === 'params' ? request.params : request.body;
  for (const key of rest) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined;
    value = Reflect.get(value, key);
  }
  return value;
}

/** The non-empty string at `path`, or undefined. */
export function stringAt(request: EndpointRequest, path: RequestPath): string | undefined {
  const value = valueAt(request, path);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Whether the check applies to this request (its `when` condition holds, or it has none). */
export function checkApplies(check: EndpointCheck, request: EndpointRequest): boolean {
  return check.when === undefined || valueAt(request, check.when.path) === check.when.equals;
}

/** The action a scope check decides: its own, or its self rule's when the request names the caller. */
export function checkedAction<A>(check: { readonly action: A; readonly self?: SelfRule<A> }, request: EndpointRequest, userId: string): A {
  return check.self !== undefined && stringAt(request, check.self.userId) === userId ? check.self.action : check.action;
}

/** The field prefix a refusal names for a value found at `path` in the body (`visibility.` for `body.visibility`). */
export function fieldPrefixOf(path: RequestPath): string {
  return path === 'body' || path.startsWith('params.') ? '' : `${path.slice('body.'.length)}.`;
}
