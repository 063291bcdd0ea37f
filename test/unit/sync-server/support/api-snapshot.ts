import type { SqliteDatabase } from '../../../../sync-server/store/database';
import { endpointNames, endpointOf, examplePath, exampleOf, fillPath, pathParameters, randomId, withQuery } from './contract-examples';
import type { EndpointName, ExampleIds, PathKind } from './contract-examples';
import type { ApiResponse, TestServer } from './test-server';

export interface SnapshotReader {
  readonly name: string;
  readonly token: string;
  /** Org owners and admins: the only ones whose audit reads are not refused (and so not recorded). */
  readonly readsAuditLog: boolean;
}

export type IdsByKind = Readonly<Record<PathKind, readonly string[]>>;

/**
 * GET endpoints left out of snapshots: each call of an export is itself recorded in the audit log
 * (and the project export carries the moment it was taken), so no two answers could be equal.
 */
const notRepeatable = new Set<EndpointName>(['project.export', 'org.audit.export', 'project.audit.export']);

/** GET endpoints that a snapshot reads: every one of the contract except the exports. */
export const snapshotEndpoints = endpointNames.filter((name) => endpointOf(name).method === 'GET' && !notRepeatable.has(name));

const isAuditRead = (name: EndpointName) => name.includes('audit.');

/** Every id of the organization by kind, straight from the database, and one that names nothing. */
export function idsOfOrg(db: SqliteDatabase, orgId: string): IdsByKind {
  const ids = (sql: string) => (db.prepare(sql).all(orgId) as { id: string }[]).map((row) => row.id);
  const withRandom = (kind: PathKind, list: string[]) => [...list, randomId(kind)];
  return {
    organization: withRandom('organization', [orgId]),
    project: withRandom('project', ids('SELECT id FROM projects WHERE org_id = ? ORDER BY id')),
    workgroup: withRandom('workgroup', ids('SELECT id FROM workgroups WHERE org_id = ? ORDER BY id')),
    user: withRandom('user', ids('SELECT user_id AS id FROM org_members WHERE org_id = ? ORDER BY user_id')),
    model: withRandom('model', ids('SELECT id FROM models WHERE org_id = ? ORDER BY id')),
    agent: withRandom('agent', ids('SELECT id FROM agents WHERE org_id = ? ORDER BY id')),
    'api-key': withRandom('api-key', ids('SELECT id FROM api_keys WHERE org_id = ? ORDER BY id')),
    invitation: withRandom('invitation', ids('SELECT id FROM invitations WHERE org_id = ? ORDER BY id')),
    'knowledge-base': withRandom('knowledge-base', ids('SELECT id FROM knowledge_bases WHERE org_id = ? ORDER BY id')),
    'knowledge-document': withRandom(
      'knowledge-document',
      ids('SELECT d.id FROM knowledge_documents d JOIN knowledge_bases b ON b.id = d.knowledge_base_id WHERE b.org_id = ? ORDER BY d.id'),
    ),
    connection: withRandom('connection', ids('SELECT id FROM model_connections WHERE org_id = ? ORDER BY id')),
    conversation: withRandom('conversation', ids('SELECT id FROM conversations WHERE org_id = ? ORDER BY id')),
    run: withRandom('run', ids('SELECT id FROM run_queue WHERE org_id = ? ORDER BY id')),
  };
}

/** Every path of a GET endpoint over the ids given: one per combination of parameter values. */
function pathsOf(name: EndpointName, ids: IdsByKind, exampleIds: ExampleIds): string[] {
  const endpoint = endpointOf(name);
  const parameters = pathParameters(endpoint);
  if (parameters.length === 0) return [examplePath(name, exampleIds)];
  let combinations: Record<string, string>[] = [{}];
  for (const [parameter, kind] of parameters) {
    const values = ids[kind as PathKind];
    combinations = combinations.flatMap((combination) => values.map((value) => ({ ...combination, [parameter]: value })));
  }
  return combinations.map((values) => fillPath(endpoint, values));
}

/** The query a snapshot asks with: whole audit pages, and the example where a query is required. */
function queryOf(name: EndpointName, exampleIds: ExampleIds): Readonly<Record<string, string>> | undefined {
  if (isAuditRead(name)) return { limit: '1000' };
  const schema = endpointOf(name).query;
  if (schema === undefined || schema.safeParse({}).success) return undefined;
  return exampleOf(name, exampleIds).query;
}

function auditRows(db: SqliteDatabase): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM audit_events').get() as { n: number }).n;
}

/**
 * Every answer of every GET endpoint of the contract, for each reader, over every id of the
 * organization (and one that names nothing): what the API shows of its state. Throws when taking
 * it changed the audit log, since then a second snapshot could not be compared with it.
 */
export async function snapshotApi(
  server: TestServer,
  readers: readonly SnapshotReader[],
  ids: IdsByKind,
  exampleIds: ExampleIds,
): Promise<Record<string, ApiResponse>> {
  const db = server.server.services.db;
  const before = auditRows(db);
  const answers: Record<string, ApiResponse> = {};
  for (const reader of readers) {
    for (const name of snapshotEndpoints) {
      if (isAuditRead(name) && !reader.readsAuditLog) continue;
      for (const path of pathsOf(name, ids, exampleIds)) {
        const url = withQuery(path, queryOf(name, exampleIds));
        answers[`${reader.name} GET ${url}`] = await server.request('GET', url, { token: reader.token });
      }
    }
  }
  const after = auditRows(db);
  if (after !== before) throw new Error(`taking the snapshot added ${after - before} audit events`);
  return answers;
}
