import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idsOfOrg, snapshotApi } from '../support/api-snapshot';
import type { IdsByKind, SnapshotReader } from '../support/api-snapshot';
import { endpointNames, endpointOf, exampleOf, examplePath, pathKinds, pathParameters, randomId, withQuery } from '../support/contract-examples';
import type { EndpointName, ExampleIds, PathKind } from '../support/contract-examples';
import { createRichWorld, exampleIdsOf, provider, sha256Of } from '../support/rich-world';
import type { RichWorld } from '../support/rich-world';
import { startTestServer } from '../support/test-server';
import type { ApiResponse, TestServer } from '../support/test-server';
import { password, worldRoles } from '../support/world';
import type { WorldRole } from '../support/world';

/** Two whole worlds and a snapshot of every GET answer take a while on a busy machine. */
const setupTimeout = 120_000;

let server: TestServer;
/** The organization whose people probe. */
let a: RichWorld;
/** The organization they must learn nothing about. */
let b: RichWorld;
let idsA: ExampleIds;
let allIdsA: IdsByKind;
let allIdsB: IdsByKind;
/** Every id of the second organization, and its people's email addresses. */
let secretsOfB: string[];
/** Versions of the second organization's models, with their model. */
let versionsOfB: { modelId: string; versionId: string }[];
let readersOfB: SnapshotReader[];
let snapshotOfB: Record<string, ApiResponse>;
const checks = { lists: 0, ids: 0, bodies: 0, private: 0 };

const realIds = (ids: IdsByKind, kind: PathKind) => ids[kind].slice(0, -1);

function secretsOf(world: RichWorld): string[] {
  const db = server.server.services.db;
  const column = (sql: string) => (db.prepare(sql).all(world.orgId) as { value: string }[]).map((row) => row.value);
  return [
    world.orgId,
    ...column('SELECT id AS value FROM projects WHERE org_id = ?'),
    ...column('SELECT id AS value FROM workgroups WHERE org_id = ?'),
    ...column('SELECT id AS value FROM models WHERE org_id = ?'),
    ...column('SELECT v.id AS value FROM model_versions v JOIN models m ON m.id = v.model_id WHERE m.org_id = ?'),
    ...column('SELECT id AS value FROM agents WHERE org_id = ?'),
    ...column('SELECT id AS value FROM conversations WHERE org_id = ?'),
    ...column('SELECT id AS value FROM invitations WHERE org_id = ?'),
    ...column('SELECT email AS value FROM invitations WHERE org_id = ?'),
    ...column('SELECT id AS value FROM api_keys WHERE org_id = ?'),
    ...column('SELECT id AS value FROM knowledge_bases WHERE org_id = ?'),
    ...column('SELECT d.id AS value FROM knowledge_documents d JOIN knowledge_bases b ON b.id = d.knowledge_base_id WHERE b.org_id = ?'),
    ...column('SELECT id AS value FROM audit_events WHERE org_id = ?'),
    ...column('SELECT u.id AS value FROM users u JOIN org_members m ON m.user_id = u.id WHERE m.org_id = ?'),
    ...column('SELECT u.email AS value FROM users u JOIN org_members m ON m.user_id = u.id WHERE m.org_id = ? AND u.email IS NOT NULL'),
  ];
}

function leaks(res: ApiResponse, secrets: readonly string[]): string[] {
  const text = typeof res.body === 'string' ? res.body : JSON.stringify(res.body ?? null);
  return secrets.filter((secret) => text.includes(secret));
}

/** The call of an endpoint as a well-behaved client of the first organization makes it, with some path ids replaced. */
function callOf(name: EndpointName, overrides: Readonly<Record<string, string>> = {}, query?: Readonly<Record<string, string>>) {
  const example = exampleOf(name, idsA);
  return {
    method: endpointOf(name).method,
    path: withQuery(examplePath(name, idsA, overrides), query ?? example.query),
    ...(example.body === undefined ? {} : { body: example.body }),
  };
}

async function as(role: WorldRole, call: { method: string; path: string; body?: unknown }): Promise<ApiResponse> {
  return a.as(role)(call.method, call.path, call.body === undefined ? {} : { body: call.body });
}

beforeAll(async () => {
  server = await startTestServer();
  a = await createRichWorld(server, { tag: 'a' });
  b = await createRichWorld(server, { tag: 'b' });
  const db = server.server.services.db;
  idsA = exampleIdsOf(a);
  allIdsA = idsOfOrg(db, a.orgId);
  allIdsB = idsOfOrg(db, b.orgId);
  secretsOfB = secretsOf(b);
  versionsOfB = db
    .prepare('SELECT v.model_id AS modelId, v.id AS versionId FROM model_versions v JOIN models m ON m.id = v.model_id WHERE m.org_id = ?')
    .all(b.orgId) as { modelId: string; versionId: string }[];
  readersOfB = (['owner', 'admin', 'editor', 'member', 'viewer', 'outsider'] as const).map((role) => ({
    name: role,
    token: b.actors[role].token,
    readsAuditLog: role === 'owner' || role === 'admin',
  }));
  snapshotOfB = await snapshotApi(server, readersOfB, allIdsB, exampleIdsOf(b));
}, setupTimeout);

afterAll(async () => {
  await server.dispose();
});

describe('the worlds', () => {
  it('hold something of every kind in each organization', () => {
    for (const kind of pathKinds) {
      expect(realIds(allIdsA, kind).length, kind).toBeGreaterThan(0);
      expect(realIds(allIdsB, kind).length, kind).toBeGreaterThan(0);
    }
    expect(versionsOfB.length).toBeGreaterThanOrEqual(3);
    expect(secretsOfB.length).toBeGreaterThan(60);
  });
});

describe('a user of one organization sees nothing of another', () => {
  const reads = endpointNames.filter((name) => endpointOf(name).method === 'GET');

  it.each(worldRoles)('through every GET endpoint, as %s, over every id of their organization', async (role) => {
    const found: string[] = [];
    for (const name of reads) {
      const endpoint = endpointOf(name);
      const parameters = pathParameters(endpoint);
      // Lists both unfiltered and with the example's filters; ids over everything the organization holds.
      const queries = [exampleOf(name, idsA).query, ...(endpoint.query?.safeParse({}).success === true ? [{}] : [])];
      const targets: Record<string, string>[] =
        parameters.length === 0 ? [{}] : realIds(allIdsA, parameters[0]![1] as PathKind).map((id) => ({ [parameters[0]![0]]: id }));
      for (const target of targets) {
        for (const query of queries) {
          const call = callOf(name, target, query);
          const res = await as(role, call);
          checks.lists += 1;
          if (res.status >= 500) found.push(`${call.path}: ${res.status}`);
          for (const secret of leaks(res, secretsOfB)) found.push(`${call.path} shows ${secret}`);
        }
      }
    }
    expect(found).toEqual([]);
  });
});

describe('ids of another organization answer exactly like ids that name nothing', () => {
  const withParameters = endpointNames.filter((name) => endpointOf(name).params !== undefined);

  it.each(withParameters)('%s, for every id of the other organization in every path parameter', async (name) => {
    const differences: string[] = [];
    for (const [parameter, kind] of pathParameters(endpointOf(name))) {
      for (const role of worldRoles) {
        const missing = await as(role, callOf(name, { [parameter]: randomId(kind) }));
        // Org owners and admins may do anything in their organization, so only "not found" can stop them;
        // others may already be refused by the parent resource, and must then be refused the same way.
        if (role === 'owner' || role === 'admin') expect(missing.status, `${name} with a random :${parameter}`).toBe(404);
        expect(missing.status, `${name} with a random :${parameter}`).toBeGreaterThanOrEqual(400);
        for (const id of realIds(allIdsB, kind as PathKind)) {
          const res = await as(role, callOf(name, { [parameter]: id }));
          checks.ids += 1;
          if (res.status !== missing.status || JSON.stringify(res.body) !== JSON.stringify(missing.body)) {
            differences.push(`${role} ${name} :${parameter}=${id}: ${res.status} ${JSON.stringify(res.body)} vs ${JSON.stringify(missing.body)}`);
          }
        }
      }
    }
    expect(differences).toEqual([]);
  });
});

type Kind = 'user' | 'project' | 'workgroup' | 'model' | 'agent' | 'version' | 'organization' | 'knowledge-base';

interface BodyProbe {
  readonly what: string;
  readonly kind: Kind;
  /** A filter answers 200 either way; everything else refuses. */
  readonly filter?: boolean;
  call(id: string): { method: string; path: string; body?: unknown };
}

const settings = (change: Record<string, unknown>) => ({
  name: 'Research',
  description: '',
  settings: { modelPool: null, toolAllowlist: null, systemPrompt: null, knowledgeBaseIds: [], agentIds: [], ...change },
});
const agentDefinition = (change: Record<string, unknown>) => ({
  name: 'Reviewer',
  description: '',
  systemPrompt: 'Review.',
  tools: [],
  examples: [],
  modelId: null,
  visibility: { level: 'public' },
  status: 'active',
  ...change,
});

/** Ids of the other organization placed in bodies and queries, where an id of one's own belongs. */
const bodyProbes: readonly BodyProbe[] = [
  { what: 'a project member', kind: 'user', call: (id) => ({ method: 'POST', path: `/projects/${a.projectId}/members`, body: { userId: id, role: 'viewer' } }) },
  { what: 'a new project owner', kind: 'user', call: (id) => ({ method: 'POST', path: `/projects/${a.projectId}/transfer-ownership`, body: { userId: id } }) },
  { what: 'a workgroup member', kind: 'user', call: (id) => ({ method: 'POST', path: `/workgroups/${a.workgroupId}/members`, body: { userId: id, role: 'viewer' } }) },
  { what: 'an org role change', kind: 'user', call: (id) => ({ method: 'POST', path: `/orgs/${a.orgId}/members`, body: { userId: id, role: 'owner' } }) },
  { what: 'an API key holder', kind: 'user', call: (id) => ({ method: 'POST', path: '/auth/api-keys', body: { name: 'Borrowed', userId: id } }) },
  { what: 'the audit actor filter', kind: 'user', filter: true, call: (id) => ({ method: 'GET', path: `/audit?actorId=${id}` }) },
  { what: 'the project audit actor filter', kind: 'user', filter: true, call: (id) => ({ method: 'GET', path: `/projects/${a.projectId}/audit?actorId=${id}` }) },
  { what: 'a project put into a workgroup', kind: 'project', call: (id) => ({ method: 'POST', path: `/workgroups/${a.workgroupId}/projects`, body: { projectId: id } }) },
  { what: 'a fork target', kind: 'project', call: (id) => ({ method: 'POST', path: `/agent-registry/${a.publicAgentId}/fork`, body: { projectId: id } }) },
  { what: 'a model scope', kind: 'project', call: (id) => ({ method: 'POST', path: '/model-registry', body: { name: 'Scoped', provider, visibility: { level: 'project', projectId: id } } }) },
  { what: 'a model moved into a project', kind: 'project', call: (id) => ({ method: 'PUT', path: `/model-registry/${a.publicModelId}/visibility`, body: { level: 'project', projectId: id } }) },
  { what: 'an agent scope', kind: 'project', call: (id) => ({ method: 'POST', path: '/agent-registry', body: { name: 'Scoped', systemPrompt: 'x', visibility: { level: 'project', projectId: id } } }) },
  { what: "an agent's project", kind: 'project', call: (id) => ({ method: 'POST', path: '/agent-registry', body: { name: 'Placed', systemPrompt: 'x', projectId: id } }) },
  { what: 'a project invitation', kind: 'project', call: (id) => ({ method: 'POST', path: '/auth/invitations', body: { email: 'spy@example.test', target: { kind: 'project', projectId: id, role: 'owner' } } }) },
  { what: 'the agent list project filter', kind: 'project', call: (id) => ({ method: 'GET', path: `/agent-registry?projectId=${id}` }) },
  { what: 'a primary workgroup', kind: 'workgroup', call: (id) => ({ method: 'POST', path: '/projects', body: { name: 'Moved', primaryWorkgroupId: id } }) },
  { what: 'a shared workgroup', kind: 'workgroup', call: (id) => ({ method: 'POST', path: '/projects', body: { name: 'Shared', sharedWorkgroupIds: [id] } }) },
  { what: 'a project moved into a workgroup', kind: 'workgroup', call: (id) => ({ method: 'PATCH', path: `/projects/${a.projectId}`, body: { primaryWorkgroupId: id } }) },
  { what: 'a model workgroup scope', kind: 'workgroup', call: (id) => ({ method: 'POST', path: '/model-registry', body: { name: 'Scoped', provider, visibility: { level: 'workgroup', workgroupId: id } } }) },
  { what: 'an agent moved into a workgroup', kind: 'workgroup', call: (id) => ({ method: 'PUT', path: `/agent-registry/${a.publicAgentId}/visibility`, body: { level: 'workgroup', workgroupId: id } }) },
  { what: 'a workgroup invitation', kind: 'workgroup', call: (id) => ({ method: 'POST', path: '/auth/invitations', body: { email: 'spy@example.test', target: { kind: 'workgroup', workgroupId: id, role: 'owner' } } }) },
  { what: 'a default model', kind: 'model', call: (id) => ({ method: 'POST', path: '/projects', body: { name: 'Defaulted', defaultModelId: id } }) },
  { what: 'a patched default model', kind: 'model', call: (id) => ({ method: 'PATCH', path: `/projects/${a.betaProjectId}`, body: { defaultModelId: id } }) },
  {
    what: 'a model lock',
    kind: 'model',
    call: (id) => ({
      method: 'PUT',
      path: `/projects/${a.betaProjectId}/config`,
      body: { systemPromptOverride: null, modelLock: [id], toolAllowlist: null, knowledgeBaseIds: [], defaultModelId: id },
    }),
  },
  { what: 'a workgroup model pool', kind: 'model', call: (id) => ({ method: 'PUT', path: `/workgroups/${a.workgroupId}`, body: settings({ modelPool: [id] }) }) },
  { what: "a new agent's model", kind: 'model', call: (id) => ({ method: 'POST', path: '/agent-registry', body: { name: 'Modelled', systemPrompt: 'x', modelId: id } }) },
  { what: "an agent's model", kind: 'model', call: (id) => ({ method: 'PUT', path: `/agent-registry/${a.publicAgentId}`, body: agentDefinition({ modelId: id }) }) },
  {
    what: 'a knowledge base owner project',
    kind: 'project',
    call: (id) => ({ method: 'POST', path: '/knowledge-bases', body: { name: 'Taken', owner: { kind: 'project', projectId: id } } }),
  },
  {
    what: 'a knowledge base owner workgroup',
    kind: 'workgroup',
    call: (id) => ({ method: 'POST', path: '/knowledge-bases', body: { name: 'Taken', owner: { kind: 'workgroup', workgroupId: id } } }),
  },
  {
    what: 'a knowledge binding of a project',
    kind: 'knowledge-base',
    call: (id) => ({
      method: 'PUT',
      path: `/projects/${a.betaProjectId}/config`,
      body: { systemPromptOverride: null, modelLock: null, toolAllowlist: null, knowledgeBaseIds: [id], defaultModelId: null },
    }),
  },
  { what: 'a knowledge binding of a workgroup', kind: 'knowledge-base', call: (id) => ({ method: 'PUT', path: `/workgroups/${a.workgroupId}`, body: settings({ knowledgeBaseIds: [id] }) }) },
  { what: 'workgroup agents', kind: 'agent', call: (id) => ({ method: 'PUT', path: `/workgroups/${a.workgroupId}`, body: settings({ agentIds: [id] }) }) },
  {
    what: 'a parent version of this model',
    kind: 'version',
    call: (id) => ({
      method: 'POST',
      path: `/model-registry/${a.publicModelId}/versions`,
      body: { version: '7.0.0', checksum: sha256Of('probe'), parent: { modelId: a.publicModelId, versionId: id } },
    }),
  },
  { what: 'the current version', kind: 'version', call: (id) => ({ method: 'PUT', path: `/model-registry/${a.publicModelId}/current-version`, body: { versionId: id } }) },
  { what: 'a compared version', kind: 'version', call: (id) => ({ method: 'GET', path: `/model-registry/${a.publicModelId}/versions/compare?a=${id}&b=${a.publicVersionIds[1]}` }) },
  { what: 'a lineage start', kind: 'version', call: (id) => ({ method: 'GET', path: `/model-registry/${a.publicModelId}/lineage?versionId=${id}` }) },
  {
    what: 'the organization to sign in to',
    kind: 'organization',
    call: (id) => ({ method: 'POST', path: '/auth/login', body: { email: a.actors.owner.email, password, orgId: id } }),
  },
];

const randomOfKind = (kind: Kind) => randomId(kind === 'version' ? 'model-version' : kind);

describe("ids of another organization placed in bodies and queries answer exactly like ids that name nothing", () => {
  it.each(bodyProbes)('$what ($kind)', async (probe) => {
    const ids =
      probe.kind === 'version' ? versionsOfB.map((v) => v.versionId) : probe.kind === 'organization' ? [b.orgId] : realIds(allIdsB, probe.kind);
    const missing = await as('owner', probe.call(randomOfKind(probe.kind)));
    expect(missing.status).toBe(probe.filter === true ? 200 : 404);
    const differences: string[] = [];
    for (const id of ids) {
      const res = await as('owner', probe.call(id));
      checks.bodies += 1;
      if (res.status !== missing.status || JSON.stringify(res.body) !== JSON.stringify(missing.body)) {
        differences.push(`${id}: ${res.status} ${JSON.stringify(res.body)} vs ${missing.status} ${JSON.stringify(missing.body)}`);
      }
    }
    expect(differences).toEqual([]);
  });

  it('a parent version naming a model and version of the other organization', async () => {
    const call = (parent: { modelId: string; versionId: string }) => ({
      method: 'POST',
      path: `/model-registry/${a.publicModelId}/versions`,
      body: { version: '7.1.0', checksum: sha256Of('probe'), parent },
    });
    const missing = await as('owner', call({ modelId: randomId('model'), versionId: randomId('model-version') }));
    expect(missing.status).toBe(404);
    for (const parent of versionsOfB) {
      const res = await as('owner', call(parent));
      checks.bodies += 1;
      expect(res, JSON.stringify(parent)).toEqual(missing);
    }
  });
});

describe('a private model or agent is invisible to everyone but its owner, org owners included', () => {
  const others = worldRoles.filter((role) => role !== 'member');
  const byId = [
    ['model', () => a.privateModelId],
    ['agent', () => a.privateAgentId],
  ] as const;

  it.each(others)('%s: every endpoint addressing the entry answers like a missing one', async (role) => {
    const differences: string[] = [];
    for (const [kind, privateId] of byId) {
      for (const name of endpointNames.filter((n) => pathParameters(endpointOf(n)).some(([, k]) => k === kind))) {
        const [parameter] = pathParameters(endpointOf(name)).find(([, k]) => k === kind)!;
        const missing = await as(role, callOf(name, { [parameter]: randomId(kind) }));
        const res = await as(role, callOf(name, { [parameter]: privateId() }));
        checks.private += 1;
        if (res.status !== 404 || JSON.stringify(res.body) !== JSON.stringify(missing.body)) {
          differences.push(`${name}: ${res.status} ${JSON.stringify(res.body)} vs ${missing.status} ${JSON.stringify(missing.body)}`);
        }
      }
    }
    expect(differences).toEqual([]);
  });

  // The audit log is left out on purpose: it accounts for every mutation, whoever's entry it touched.
  const listings = ['/model-registry', '/model-registry?visibility=private', '/agent-registry', '/agent-registry?visibility=private', '/changes'];

  it.each(others)('%s: absent from the registry lists and the change feed', async (role) => {
    for (const path of listings) {
      const res = await as(role, { method: 'GET', path });
      checks.private += 1;
      expect(res.status, path).toBe(200);
      expect(leaks(res, [a.privateModelId, a.privateVersionId, a.privateAgentId]), path).toEqual([]);
    }
  });

  it('its owner sees it everywhere', async () => {
    expect((await as('member', { method: 'GET', path: `/model-registry/${a.privateModelId}` })).status).toBe(200);
    expect((await as('member', { method: 'GET', path: `/agent-registry/${a.privateAgentId}` })).status).toBe(200);
    for (const path of listings) {
      const res = await as('member', { method: 'GET', path });
      const expected = path.startsWith('/model') ? [a.privateModelId] : path.startsWith('/agent') ? [a.privateAgentId] : [a.privateModelId, a.privateAgentId];
      expect(leaks(res, expected), path).toEqual(expected);
    }
  });
});

describe('after all of that', () => {
  it('the other organization is exactly as it was', async () => {
    const after = await snapshotApi(server, readersOfB, allIdsB, exampleIdsOf(b));
    expect(after).toEqual(snapshotOfB);
  });

  it('made many checks', () => {
    const total = checks.lists + checks.ids + checks.bodies + checks.private;
    expect(total, `isolation checks: ${JSON.stringify(checks)}`).toBeGreaterThan(2000);
    expect(checks.lists, 'list checks').toBeGreaterThan(400);
    expect(checks.ids, 'id checks').toBeGreaterThan(1000);
    expect(checks.bodies, 'body checks').toBeGreaterThan(80);
    expect(checks.private, 'private-entry checks').toBeGreaterThan(80);
  });
});
