import { CanonicalName } from '../../shared/domain/canonical-name';
import { defaultProjectName } from '../../shared/policy/invariants';
import type { Endpoint } from '../../shared/rest/endpoint';
import { notFound } from './api-error';

/** A request's parts as they arrived, before the endpoint's schemas parse them. */
export interface RawRequest {
  readonly params: unknown;
  readonly query: unknown;
  readonly body: unknown;
}

/** The field that names a project wherever it appears in a query or a body. */
const projectField = 'projectId';
/** Deeper than any request body the contract declares: nothing below is looked at. */
const maxDepth = 8;

/** The path parameters that name a project: `/projects/:id/…`, and `:pid` wherever it is. */
function projectParams(endpoint: Endpoint): string[] {
  return [...(endpoint.path === '/projects/:id' || endpoint.path.startsWith('/projects/:id/') ? ['id'] : []), ...(endpoint.path.includes(':pid') ? ['pid'] : [])];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Every place that takes a project id also takes the project's canonical name within the caller's
 * organization: the path's project, and each `projectId` of the query and the body, at any depth
 * (visibility targets, knowledge base owners, invitation targets). A canonical name is replaced by
 * its project's id before the endpoint's schemas parse the request, so handlers, policy and audit
 * only ever see ids. A name that names no project answers 404, exactly as an unknown id does.
 * Where a project is optional (a visibility, a knowledge base owner or an invitation target of
 * kind project without `projectId`), it is the organization's default project.
 * Anything that is not a canonical name (an id, a malformed value) is left for the schemas.
 */
export function resolveProjectReferences(endpoint: Endpoint, raw: RawRequest, lookup: (canonicalName: string) => string | undefined): RawRequest {
  const resolve = (value: unknown): unknown => {
    if (typeof value !== 'string' || !CanonicalName.safeParse(value).success) return value;
    const id = lookup(value);
    if (id === undefined) throw notFound('Project');
    return id;
  };
  const walk = (value: unknown, depth: number): unknown => {
    if (depth > maxDepth) return value;
    if (Array.isArray(value)) return value.map((item) => walk(item, depth + 1));
    if (!isRecord(value)) return value;
    // A project scope that names no project is the organization's default project.
    if ((value['level'] === 'project' || value['kind'] === 'project') && !Object.hasOwn(value, projectField)) {
      return walk({ ...value, [projectField]: defaultProjectName }, depth);
    }
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, key === projectField ? resolve(item) : walk(item, depth + 1)]));
  };

  let params = raw.params;
  const names = projectParams(endpoint);
  if (names.length > 0 && isRecord(params)) {
    const resolved: Record<string, unknown> = { ...params };
    for (const name of names) if (Object.hasOwn(resolved, name)) resolved[name] = resolve(resolved[name]);
    params = resolved;
  }
  return {
    params,
    query: endpoint.query !== undefined && isRecord(raw.query) && Object.hasOwn(raw.query, projectField) ? { ...raw.query, [projectField]: resolve(raw.query[projectField]) } : raw.query,
    body: endpoint.body !== undefined ? walk(raw.body, 0) : raw.body,
  };
}
