import type { ViewerContext } from '../../shared/policy/visibility';
import { seeableScopes } from '../../shared/policy/visibility';

/** A piece of a WHERE clause and the named parameters it uses. */
export interface SqlFilter {
  readonly sql: string;
  readonly params: Readonly<Record<string, string>>;
}

/**
 * The policy's `seeableScopes` as SQL over a registry table (`models` or `agents`, aliased
 * `alias`), so a listing reads only the rows the viewer can see: their own, public ones, and those
 * scoped to a project or workgroup they are in (any non-private one for org owners and admins).
 * The organization is not part of it; the caller filters on it. Scope lists travel as JSON arrays
 * so the statement does not depend on how many projects someone is in.
 */
export function seeableEntriesFilter(viewer: ViewerContext, alias: string): SqlFilter {
  const scopes = seeableScopes(viewer);
  const column = (name: string) => `${alias}.${name}`;
  if (scopes.everyScope) {
    return {
      sql: `(${column('owner_id')} = @seeViewerId OR ${column('visibility_level')} <> 'private')`,
      params: { seeViewerId: viewer.userId },
    };
  }
  return {
    sql: `(${column('owner_id')} = @seeViewerId
      OR ${column('visibility_level')} = 'public'
      OR (${column('visibility_level')} = 'project' AND ${column('visibility_scope_id')} IN (SELECT value FROM json_each(@seeProjectIds)))
      OR (${column('visibility_level')} = 'workgroup' AND ${column('visibility_scope_id')} IN (SELECT value FROM json_each(@seeWorkgroupIds))))`,
    params: {
      seeViewerId: viewer.userId,
      seeProjectIds: JSON.stringify([...scopes.projectIds]),
      seeWorkgroupIds: JSON.stringify([...scopes.workgroupIds]),
    },
  };
}

/** The WHERE clause of a registry listing, built up: the organization and what the viewer can see, then the caller's filters. */
export interface RegistryListQuery {
  /** Adds `column = value` when a value is given. */
  equal(column: string, value: string | undefined): void;
  /** Adds a condition of the caller's own, with its parameter. */
  where(sql: string, name: string, value: string | undefined): void;
  sql(): string;
  readonly params: Readonly<Record<string, string>>;
}

export function registryListQuery(viewer: ViewerContext, alias: string, orgId: string): RegistryListQuery {
  const seeable = seeableEntriesFilter(viewer, alias);
  const conditions = [`${alias}.org_id = @orgId`, seeable.sql];
  const params: Record<string, string> = { ...seeable.params, orgId };
  const query: RegistryListQuery = {
    equal: (column, value) => query.where(`${alias}.${column} = @${column}`, column, value),
    where(sql, name, value) {
      if (value === undefined) return;
      conditions.push(sql);
      params[name] = value;
    },
    sql: () => conditions.join(' AND '),
    params,
  };
  return query;
}
