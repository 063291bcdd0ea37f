import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentEntry } from '../../../../shared/domain/agent-entry';
import type { AgentStats } from '../../../../shared/domain/agent-stats';
import type { ModelEntry } from '../../../../shared/domain/model-entry';
import type { AgentRegistryItem } from '../../../../shared/rest/agent-registry-endpoints';
import { ApiError } from '../../../../sync-server/http/api-error';
import type { AgentRunInput } from '../../../../sync-server/registry/agent-run-recorder';
import { recordAgentRun } from '../../../../sync-server/registry/agent-run-recorder';
import { createRegistryWorld, levels, statusTable } from '../support/registry-world';
import type { ByLevel, ErrorBody, Level, RegistryWorld, StatusTable } from '../support/registry-world';
import { startTestServer } from '../support/test-server';
import type { TestServer } from '../support/test-server';
import type { WorldRole } from '../support/world';
import { signup } from '../support/world';

let server: TestServer;
let world: RegistryWorld;
/** Agents owned by the member, one per visibility level. */
const agents = {} as ByLevel<string>;
let defaultAgentId: string;

function agentBody(name: string, level: Level, extra: Record<string, unknown> = {}) {
  return { name, systemPrompt: 'You answer questions about the codebase.', tools: ['search'], visibility: world.visibility(level), ...extra };
}

async function createAgent(role: WorldRole, name: string, level: Level, extra: Record<string, unknown> = {}): Promise<AgentEntry> {
  const res = await world.client(role)('agent.create', { body: agentBody(name, level, extra) });
  if (res.status !== 201) throw new Error(`create agent: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as AgentEntry;
}

/** The whole PUT body of an agent as it is, with `changes` applied. */
function updateBody(agent: AgentEntry, changes: Record<string, unknown> = {}) {
  const { name, description, systemPrompt, tools, examples, modelId, visibility, status } = agent;
  return { name, description, systemPrompt, tools, examples, modelId, visibility, status, ...changes };
}

async function getAgent(role: WorldRole, id: string): Promise<AgentRegistryItem> {
  const res = await world.client(role)('agent.get', { params: { id } });
  if (res.status !== 200) throw new Error(`get agent: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as AgentRegistryItem;
}

async function listAgents(role: WorldRole, query = ''): Promise<AgentRegistryItem[]> {
  const res = await world.as(role)('GET', `/agent-registry${query}`);
  if (res.status !== 200) throw new Error(`list agents: ${res.status} ${JSON.stringify(res.body)}`);
  return (res.body as { items: AgentRegistryItem[] }).items;
}

function run(agentId: string, projectId: string, overrides: Partial<AgentRunInput> = {}): AgentRunInput {
  return {
    agentId,
    projectId,
    runBy: world.actors.member.userId,
    startedAt: '2025-06-01T10:00:00.000Z',
    durationMs: 1200,
    outcome: 'ok',
    ...overrides,
  };
}

beforeAll(async () => {
  server = await startTestServer();
  world = await createRegistryWorld(server);
  for (const level of levels) agents[level] = (await createAgent('member', `Member ${level}`, level)).id;
  const row = server.server.services.db.prepare('SELECT id FROM agents WHERE org_id = ? AND is_default = 1').get(world.orgId) as {
    id: string;
  };
  defaultAgentId = row.id;
});

afterAll(async () => {
  await server.dispose();
});

describe('every endpoint against every role, for entries at each visibility level', () => {
  // Columns: private, project (alpha), workgroup (research), public. The entries belong to the
  // member. Org owners and admins see and manage every shared entry but never a private one;
  // the editor is in alpha only; the viewer is in alpha and in beta (held by research); the
  // outsider is a viewer of research; the stranger belongs to another organization.
  const expected: Record<string, StatusTable> = {
    'GET /agent-registry/:id': {
      owner: [404, 200, 200, 200],
      admin: [404, 200, 200, 200],
      editor: [404, 200, 404, 200],
      member: [200, 200, 200, 200],
      viewer: [404, 200, 200, 200],
      outsider: [404, 404, 200, 200],
      stranger: [404, 404, 404, 404],
    },
    'GET /agent-registry/:id/stats': {
      owner: [404, 200, 200, 200],
      admin: [404, 200, 200, 200],
      editor: [404, 200, 404, 200],
      member: [200, 200, 200, 200],
      viewer: [404, 200, 200, 200],
      outsider: [404, 404, 200, 200],
      stranger: [404, 404, 404, 404],
    },
    'PUT /agent-registry/:id': {
      owner: [404, 200, 200, 200],
      admin: [404, 200, 200, 200],
      editor: [404, 403, 404, 403],
      member: [200, 200, 200, 200],
      viewer: [404, 403, 403, 403],
      outsider: [404, 404, 403, 403],
      stranger: [404, 404, 404, 404],
    },
    'PUT /agent-registry/:id/visibility': {
      owner: [404, 200, 200, 200],
      admin: [404, 200, 200, 200],
      editor: [404, 403, 404, 403],
      member: [200, 200, 200, 200],
      viewer: [404, 403, 403, 403],
      outsider: [404, 404, 403, 403],
      stranger: [404, 404, 404, 404],
    },
    'POST /agent-registry/:id/retire': {
      owner: [404, 200, 200, 200],
      admin: [404, 200, 200, 200],
      editor: [404, 403, 404, 403],
      member: [200, 200, 200, 200],
      viewer: [404, 403, 403, 403],
      outsider: [404, 404, 403, 403],
      stranger: [404, 404, 404, 404],
    },
    'DELETE /agent-registry/:id': {
      owner: [404, 204, 204, 204],
      admin: [404, 204, 204, 204],
      editor: [404, 403, 404, 403],
      member: [204, 204, 204, 204],
      viewer: [404, 403, 403, 403],
      outsider: [404, 404, 403, 403],
      stranger: [404, 404, 404, 404],
    },
    // Into alpha: the entry must be visible (404) and the caller needs `agent.fork-into` there,
    // which editors and owners hold (403 for alpha's members and viewers, 404 for non-members).
    'POST /agent-registry/:id/fork': {
      owner: [404, 201, 201, 201],
      admin: [404, 201, 201, 201],
      editor: [404, 201, 404, 201],
      member: [403, 403, 403, 403],
      viewer: [404, 403, 403, 403],
      outsider: [404, 404, 404, 404],
      stranger: [404, 404, 404, 404],
    },
    'POST /agent-registry': {
      owner: [201, 201, 201, 201],
      admin: [201, 201, 201, 201],
      editor: [201, 201, 404, 201],
      member: [201, 201, 201, 201],
      viewer: [201, 403, 403, 201],
      outsider: [201, 404, 403, 201],
      stranger: [201, 404, 404, 201],
    },
  };

  const requests: Record<string, (role: WorldRole, level: Level) => Promise<number>> = {
    'GET /agent-registry/:id': async (role, level) => (await world.client(role)('agent.get', { params: { id: agents[level] } })).status,
    'GET /agent-registry/:id/stats': async (role, level) => (await world.client(role)('agent.stats', { params: { id: agents[level] } })).status,
    'PUT /agent-registry/:id': async (role, level) => {
      const current = await getAgent('member', agents[level]);
      return (await world.client(role)('agent.update', { params: { id: agents[level] }, body: updateBody(current) })).status;
    },
    'PUT /agent-registry/:id/visibility': async (role, level) =>
      (await world.client(role)('agent.visibility.update', { params: { id: agents[level] }, body: world.visibility(level) })).status,
    'POST /agent-registry/:id/retire': async (role, level) => {
      const fresh = await createAgent('member', `Retiring ${level}`, level);
      return (await world.client(role)('agent.retire', { params: { id: fresh.id } })).status;
    },
    'DELETE /agent-registry/:id': async (role, level) => {
      const fresh = await createAgent('member', `Doomed ${level}`, level);
      return (await world.client(role)('agent.delete', { params: { id: fresh.id } })).status;
    },
    'POST /agent-registry/:id/fork': async (role, level) =>
      (await world.client(role)('agent.fork', { params: { id: agents[level] }, body: { projectId: world.projectId } })).status,
    'POST /agent-registry': async (role, level) =>
      (await world.client(role)('agent.create', { body: agentBody(`By ${role}`, level) })).status,
  };

  for (const [endpoint, table] of Object.entries(expected)) {
    it(endpoint, async () => {
      const request = requests[endpoint];
      if (request === undefined) throw new Error(`no request for ${endpoint}`);
      expect(await statusTable(request)).toEqual(table);
    });
  }

  it('GET /agent-registry lists exactly the entries each role can see', async () => {
    const expectedListed: Readonly<Record<WorldRole, readonly [boolean, boolean, boolean, boolean]>> = {
      owner: [false, true, true, true],
      admin: [false, true, true, true],
      editor: [false, true, false, true],
      member: [true, true, true, true],
      viewer: [false, true, true, true],
      outsider: [false, false, true, true],
      stranger: [false, false, false, false],
    };
    const actual = {} as Record<WorldRole, boolean[]>;
    for (const role of Object.keys(expectedListed) as WorldRole[]) {
      const ids = (await listAgents(role)).map((a) => a.id);
      actual[role] = levels.map((level) => ids.includes(agents[level]));
    }
    expect(actual).toEqual(expectedListed);
  });
});

describe('registering and updating', () => {
  it('registers a private agent by default, and refuses a model the caller cannot see', async () => {
    const agent = await createAgent('editor', 'Private helper', 'private', { visibility: undefined });
    expect(agent).toMatchObject({ visibility: { level: 'private' }, version: 1, status: 'active', forkedFrom: null, isDefault: false });
    expect(agent.ownerId).toBe(world.actors.editor.userId);

    const hidden = await world.client('member')('model.create', { body: { name: 'Hidden model', provider: { baseUrl: 'http://127.0.0.1:8000/v1', model: 'm' } } });
    const hiddenId = (hidden.body as ModelEntry).id;
    const refused = await world.client('editor')('agent.create', { body: agentBody('Uses hidden', 'private', { modelId: hiddenId }) });
    expect(refused.status).toBe(404);
    expect((refused.body as ErrorBody).error.field).toBe('modelId');
    const allowed = await world.client('member')('agent.create', { body: agentBody('Uses own', 'private', { modelId: hiddenId }) });
    expect(allowed.status).toBe(201);
  });

  it("lets an agent narrow its model's parameters and refuses widening them, on create and on update", async () => {
    const model = await world.client('member')('model.create', { body: { name: 'Careful model', provider: { baseUrl: 'http://127.0.0.1:8000/v1', model: 'm' }, parameters: { temperature: 0.5, maxTokens: 512, contextLength: null } } });
    expect(model.status).toBe(201);
    const modelId = (model.body as ModelEntry).id;
    expect((model.body as ModelEntry).parameters).toEqual({ temperature: 0.5, maxTokens: 512, contextLength: null });

    const wider = await world.client('member')('agent.create', { body: agentBody('Too hot', 'private', { modelId, parameters: { temperature: 0.9, maxTokens: null, contextLength: null } }) });
    expect(wider.status).toBe(400);
    expect((wider.body as ErrorBody).error).toEqual({
      code: 'bad_request',
      message: 'parameters.temperature may only narrow the temperature of Careful model: at most 0.5, not 0.9.',
      field: 'parameters.temperature',
    });

    const narrower = await createAgent('member', 'Cool', 'private', { modelId, parameters: { temperature: 0.2, maxTokens: 256, contextLength: 8192 } });
    expect(narrower.parameters).toEqual({ temperature: 0.2, maxTokens: 256, contextLength: 8192 });
    expect((await getAgent('member', narrower.id)).parameters).toEqual(narrower.parameters);

    const widened = await world.client('member')('agent.update', { params: { id: narrower.id }, body: updateBody(narrower, { parameters: { temperature: 0.2, maxTokens: 4096, contextLength: null } }) });
    expect(widened.status).toBe(400);
    expect((widened.body as ErrorBody).error.field).toBe('parameters.maxTokens');
    expect((await getAgent('member', narrower.id)).parameters.maxTokens).toBe(256);

    // Out of range is the schema's refusal, before any rule.
    const silly = await world.client('member')('agent.create', { body: agentBody('Silly', 'private', { parameters: { temperature: 7, maxTokens: null, contextLength: null } }) });
    expect(silly.status).toBe(400);

    // A model edit that leaves its parameters out keeps them.
    const { name, provider, badges } = model.body as ModelEntry;
    const kept = await world.client('member')('model.update', { params: { id: modelId }, body: { name, description: 'Edited', provider, badges } });
    expect(kept.status).toBe(200);
    expect((kept.body as ModelEntry).parameters).toEqual({ temperature: 0.5, maxTokens: 512, contextLength: null });
  });

  it('places an agent in a project only for those who may publish there', async () => {
    const placed = await world.client('member')('agent.create', { body: agentBody('Alpha local', 'project', { projectId: world.projectId }) });
    expect(placed.status).toBe(201);
    expect((placed.body as AgentEntry).projectId).toBe(world.projectId);
    const byViewer = await world.client('viewer')('agent.create', { body: agentBody('No', 'private', { projectId: world.projectId }) });
    expect(byViewer.status).toBe(403);
    const byOutsider = await world.client('outsider')('agent.create', { body: agentBody('No', 'private', { projectId: world.projectId }) });
    expect(byOutsider.status).toBe(404);
    const elsewhere = await world.client('owner')('agent.create', { body: agentBody('No', 'private', { projectId: world.strangerProjectId }) });
    expect(elsewhere.status).toBe(404);
  });

  it('bumps the version when the definition changes, and only then', async () => {
    const agent = await createAgent('member', 'Evolving', 'public');
    const put = async (changes: Record<string, unknown>) => {
      const current = await getAgent('member', agent.id);
      const res = await world.client('member')('agent.update', { params: { id: agent.id }, body: updateBody(current, changes) });
      expect(res.status).toBe(200);
      return res.body as AgentEntry;
    };
    expect((await put({ tools: ['search', 'fetch'] })).version).toBe(2);
    expect((await put({ systemPrompt: 'Be brief.' })).version).toBe(3);
    expect((await put({ examples: [{ input: 'hi', output: 'hello' }] })).version).toBe(4);
    expect((await put({ visibility: world.visibility('project') })).version).toBe(4);
    expect((await put({ status: 'retired' })).version).toBe(4);
    const reactivated = await put({ status: 'active', visibility: { level: 'public' } });
    expect(reactivated).toMatchObject({ version: 4, status: 'active', tools: ['search', 'fetch'], systemPrompt: 'Be brief.' });
    expect(await getAgent('outsider', agent.id)).toMatchObject({ version: 4, examples: [{ input: 'hi', output: 'hello' }] });
  });

  it('checks a visibility change made through PUT like one made through the visibility endpoint', async () => {
    const agent = await createAgent('viewer', 'Viewer agent', 'private');
    const intoAlpha = await world.client('viewer')('agent.update', { params: { id: agent.id }, body: updateBody(agent, { visibility: world.visibility('project') }) });
    expect(intoAlpha.status).toBe(403);
    const intoElsewhere = await world.client('viewer')('agent.update', { params: { id: agent.id }, body: updateBody(agent, { visibility: { level: 'project', projectId: world.strangerProjectId } }) });
    expect(intoElsewhere.status).toBe(404);
    expect((intoElsewhere.body as ErrorBody).error.field).toBe('visibility.projectId');
    expect((await getAgent('viewer', agent.id)).visibility).toEqual({ level: 'private' });
  });

  it('refuses unknown fields and bad queries with 400', async () => {
    const agent = await createAgent('member', 'Strict', 'public');
    const sneaky = await world.client('member')('agent.update', { params: { id: agent.id }, body: updateBody(agent, { isDefault: true }) });
    expect(sneaky.status).toBe(400);
    expect((sneaky.body as ErrorBody).error.field).toBe('isDefault');
    const ownerless = await world.client('member')('agent.create', { body: agentBody('x', 'public', { version: 9 }) });
    expect(ownerless.status).toBe(400);
    // `alpha` is a canonical name, which addresses a project as its id does; `Alpha` is neither.
    expect((await world.client('member')('agent.list', { query: { projectId: 'Alpha' } })).status).toBe(400);
    expect((await world.as('member')('GET', '/agent-registry?status=paused')).status).toBe(400);
  });
});

describe('the default agent', () => {
  it('can never be deleted, retired or made less than public, even by the organization owner', async () => {
    const before = await getAgent('owner', defaultAgentId);
    expect(before).toMatchObject({ isDefault: true, visibility: { level: 'public' }, status: 'active' });
    const owner = world.client('owner');
    const attempts = [
      await owner('agent.delete', { params: { id: defaultAgentId } }),
      await owner('agent.retire', { params: { id: defaultAgentId } }),
      await owner('agent.visibility.update', { params: { id: defaultAgentId }, body: { level: 'private' } }),
      await owner('agent.visibility.update', { params: { id: defaultAgentId }, body: world.visibility('project') }),
      await owner('agent.visibility.update', { params: { id: defaultAgentId }, body: world.visibility('workgroup') }),
      await owner('agent.update', { params: { id: defaultAgentId }, body: updateBody(before, { status: 'retired' }) }),
      await owner('agent.update', { params: { id: defaultAgentId }, body: updateBody(before, { visibility: world.visibility('project') }) }),
    ];
    expect(attempts.map((res) => res.status)).toEqual([409, 409, 409, 409, 409, 409, 409]);
    expect((attempts[0]?.body as ErrorBody).error.code).toBe('conflict');

    // Someone who may not manage it at all is told that first.
    expect((await world.client('member')('agent.delete', { params: { id: defaultAgentId } })).status).toBe(403);
    expect(await getAgent('viewer', defaultAgentId)).toMatchObject({ visibility: { level: 'public' }, status: 'active' });

    // Its definition can still be improved.
    const edited = await owner('agent.update', { params: { id: defaultAgentId }, body: updateBody(before, { systemPrompt: 'Be helpful.' }) });
    expect(edited.status).toBe(200);
    expect((edited.body as AgentEntry).version).toBe(before.version + 1);
  });

  it('is offered in every project', async () => {
    for (const [role, projectId] of [
      ['editor', world.projectId],
      ['viewer', world.betaProjectId],
      ['owner', world.defaultProjectId],
    ] as const) {
      const items = await listAgents(role, `?projectId=${projectId}`);
      expect(items.map((a) => a.id)).toContain(defaultAgentId);
    }
  });
});

describe('retiring', () => {
  it('keeps a retired agent listed but no longer forkable or offered in projects, until reactivated', async () => {
    const agent = await createAgent('member', 'Old timer', 'public');
    const retired = await world.client('member')('agent.retire', { params: { id: agent.id } });
    expect(retired.status).toBe(200);
    expect((retired.body as AgentEntry).status).toBe('retired');
    expect((await world.client('member')('agent.retire', { params: { id: agent.id } })).status).toBe(409);

    expect((await world.client('editor')('agent.fork', { params: { id: agent.id }, body: { projectId: world.projectId } })).status).toBe(403);
    expect((await listAgents('editor')).map((a) => a.id)).toContain(agent.id);
    expect((await listAgents('editor', '?status=retired')).map((a) => a.id)).toContain(agent.id);
    expect((await listAgents('editor', '?status=active')).map((a) => a.id)).not.toContain(agent.id);
    expect((await listAgents('editor', `?projectId=${world.projectId}`)).map((a) => a.id)).not.toContain(agent.id);

    const current = await getAgent('member', agent.id);
    const back = await world.client('member')('agent.update', { params: { id: agent.id }, body: updateBody(current, { status: 'active' }) });
    expect((back.body as AgentEntry).status).toBe('active');
    expect((await listAgents('editor', `?projectId=${world.projectId}`)).map((a) => a.id)).toContain(agent.id);
  });
});

describe('forking', () => {
  it('copies the agent into the project, keeps the link, and shows when the original moves on', async () => {
    const original = await createAgent('member', 'Reviewer', 'public', { tools: ['search', 'read_file'], description: 'Reviews code' });
    const res = await world.client('editor')('agent.fork', { params: { id: original.id }, body: { projectId: world.projectId, name: 'Alpha reviewer' } });
    expect(res.status).toBe(201);
    const fork = res.body as AgentEntry;
    expect(fork).toMatchObject({
      name: 'Alpha reviewer',
      description: 'Reviews code',
      systemPrompt: original.systemPrompt,
      tools: ['search', 'read_file'],
      ownerId: world.actors.editor.userId,
      projectId: world.projectId,
      visibility: { level: 'project', projectId: world.projectId },
      forkedFrom: { agentId: original.id, version: 1 },
      version: 1,
      status: 'active',
      isDefault: false,
    });
    expect(fork.id).not.toBe(original.id);

    expect(await getAgent('viewer', fork.id)).toMatchObject({ originalVersion: 1, updateAvailable: false });
    expect((await world.client('outsider')('agent.get', { params: { id: fork.id } })).status).toBe(404);

    // Moving the original around changes nothing for the fork: only its definition counts.
    const moved = await world.client('member')('agent.visibility.update', { params: { id: original.id }, body: world.visibility('workgroup') });
    expect((moved.body as AgentEntry).version).toBe(1);
    await world.client('member')('agent.visibility.update', { params: { id: original.id }, body: { level: 'public' } });
    expect((await getAgent('editor', fork.id)).updateAvailable).toBe(false);

    const updated = await world.client('member')('agent.update', { params: { id: original.id }, body: updateBody(await getAgent('member', original.id), { systemPrompt: 'Review for security first.' }) });
    expect((updated.body as AgentEntry).version).toBe(2);
    expect(await getAgent('editor', fork.id)).toMatchObject({ originalVersion: 2, updateAvailable: true, forkedFrom: { version: 1 } });
    const inAlpha = (await listAgents('viewer', `?projectId=${world.projectId}`)).find((a) => a.id === fork.id);
    expect(inAlpha).toMatchObject({ updateAvailable: true, originalVersion: 2 });
    const originalListed = (await listAgents('viewer')).find((a) => a.id === original.id);
    expect(originalListed).toMatchObject({ updateAvailable: false, originalVersion: null });
  });

  it('tells nothing about an original the caller cannot see', async () => {
    const original = await createAgent('member', 'Soon private', 'project');
    const fork = (await world.client('editor')('agent.fork', { params: { id: original.id }, body: { projectId: world.projectId } }))
      .body as AgentEntry;
    await world.client('member')('agent.update', { params: { id: original.id }, body: updateBody(original, { systemPrompt: 'Changed', visibility: { level: 'private' } }) });
    expect(await getAgent('editor', fork.id)).toMatchObject({ originalVersion: null, updateAvailable: false });
    // Its owner still sees both, and the update.
    expect(await getAgent('member', fork.id)).toMatchObject({ originalVersion: 2, updateAvailable: true });
  });

  it("refuses a target project of another organization or one the caller cannot configure", async () => {
    const original = await createAgent('member', 'Forkable', 'public');
    const fork = (body: unknown, role: WorldRole = 'owner') => world.as(role)('POST', `/agent-registry/${original.id}/fork`, { body });
    expect((await fork({ projectId: world.strangerProjectId })).status).toBe(404);
    expect((await fork({ projectId: 'prj_00000000000000000000' })).status).toBe(404);
    expect((await fork({ projectId: world.betaProjectId }, 'viewer')).status).toBe(403);
    expect((await fork({ projectId: world.projectId, ownerId: world.actors.member.userId })).status).toBe(400);
    expect((await fork({})).status).toBe(400);
    expect((await fork({ projectId: world.betaProjectId })).status).toBe(201);
  });

  it('records the fork in the audit log under the target project', async () => {
    const original = await createAgent('member', 'Audited original', 'public');
    const fork = (await world.client('editor')('agent.fork', { params: { id: original.id }, body: { projectId: world.projectId } }))
      .body as AgentEntry;
    const rows = server.server.services.db
      .prepare("SELECT actor_id, project_id, outcome FROM audit_events WHERE action = 'agent.fork' AND resource_id = ?")
      .all(fork.id);
    expect(rows).toEqual([{ actor_id: world.actors.editor.userId, project_id: world.projectId, outcome: 'allowed' }]);
    const changes = server.server.services.db.prepare("SELECT COUNT(*) AS n FROM changes WHERE kind = 'agent' AND entity_id = ?").get(fork.id);
    expect(changes).toEqual({ n: 1 });
  });
});

describe('listing for a project', () => {
  it('lists the active entries usable in the project, forks included, and nothing scoped elsewhere', async () => {
    const local = (await world.client('member')('agent.create', { body: agentBody('Lives in alpha', 'private', { projectId: world.projectId }) })).body as AgentEntry;
    const inAlpha = (await listAgents('member', `?projectId=${world.projectId}`)).map((a) => a.id);
    expect(inAlpha).toEqual(expect.arrayContaining([defaultAgentId, agents.project, agents.public, local.id]));
    expect(inAlpha).not.toContain(agents.workgroup);
    expect(inAlpha).not.toContain(agents.private);

    const inBeta = (await listAgents('viewer', `?projectId=${world.betaProjectId}`)).map((a) => a.id);
    expect(inBeta).toEqual(expect.arrayContaining([defaultAgentId, agents.workgroup, agents.public]));
    expect(inBeta).not.toContain(agents.project);
    expect(inBeta).not.toContain(local.id);

    // A private entry living in the project is offered to its owner only.
    expect((await listAgents('editor', `?projectId=${world.projectId}`)).map((a) => a.id)).not.toContain(local.id);
  });

  it('answers 404 for a project the caller cannot see', async () => {
    expect((await world.client('outsider')('agent.list', { query: { projectId: String(world.projectId) } })).status).toBe(404);
    expect((await world.client('owner')('agent.list', { query: { projectId: String(world.strangerProjectId) } })).status).toBe(404);
  });
});

describe('stats', () => {
  it('counts only the runs of projects the caller can see', async () => {
    const agent = await createAgent('member', 'Measured', 'public');
    const services = server.server.services;
    const alpha = world.projectId;
    const beta = world.betaProjectId;
    recordAgentRun(services, world.orgId, run(agent.id, alpha, { rating: 5, toolCalls: { search: 2 } }));
    recordAgentRun(services, world.orgId, run(agent.id, alpha, { outcome: 'error', rating: 3, toolCalls: { search: 1, fetch: 1 } }));
    recordAgentRun(services, world.orgId, run(agent.id, alpha));
    recordAgentRun(services, world.orgId, run(agent.id, beta, { rating: 1, toolCalls: { fetch: 4 } }));
    recordAgentRun(services, world.orgId, run(agent.id, beta, { outcome: 'cancelled' }));
    // A project nobody but the organization's owners and admins sees (every member sees the default project).
    const hidden = ((await world.as('owner')('POST', '/projects', { body: { name: 'Hidden stats' } })).body as { id: string }).id;
    recordAgentRun(services, world.orgId, run(agent.id, hidden, { outcome: 'error', rating: 2, toolCalls: { shell: 1 } }));
    // Another agent's runs never count.
    recordAgentRun(services, world.orgId, run(agents.public, alpha, { outcome: 'error', toolCalls: { search: 9 } }));

    const stats = async (role: WorldRole) => {
      const res = await world.client(role)('agent.stats', { params: { id: agent.id } });
      expect(res.status).toBe(200);
      return res.body as AgentStats;
    };
    const alphaStats = { projectId: alpha, invocations: 3, ratingCount: 2, averageRating: 4, toolCalls: { fetch: 1, search: 3 }, errorRate: 1 / 3 };
    const betaStats = { projectId: beta, invocations: 2, ratingCount: 1, averageRating: 1, toolCalls: { fetch: 4 }, errorRate: 0 };
    const defaultStats = {
      projectId: hidden,
      invocations: 1,
      ratingCount: 1,
      averageRating: 2,
      toolCalls: { shell: 1 },
      errorRate: 1,
    };

    expect(await stats('editor')).toEqual({
      agentId: agent.id,
      invocations: 3,
      ratingCount: 2,
      averageRating: 4,
      toolCalls: { fetch: 1, search: 3 },
      errorRate: 1 / 3,
      perProject: [alphaStats],
    });
    expect(await stats('viewer')).toEqual({
      agentId: agent.id,
      invocations: 5,
      ratingCount: 3,
      averageRating: 3,
      toolCalls: { fetch: 5, search: 3 },
      errorRate: 1 / 5,
      perProject: [alphaStats, betaStats],
    });
    expect(await stats('outsider')).toEqual({
      agentId: agent.id,
      invocations: 2,
      ratingCount: 1,
      averageRating: 1,
      toolCalls: { fetch: 4 },
      errorRate: 0,
      perProject: [betaStats],
    });
    expect(await stats('admin')).toEqual({
      agentId: agent.id,
      invocations: 6,
      ratingCount: 4,
      averageRating: 11 / 4,
      toolCalls: { fetch: 5, search: 3, shell: 1 },
      errorRate: 2 / 6,
      perProject: [alphaStats, betaStats, defaultStats].sort((a, b) => b.invocations - a.invocations || (a.projectId < b.projectId ? -1 : 1)),
    });
  });

  it('answers empty stats for an agent never run, and 404 for a private agent even to org admins', async () => {
    const idle = await createAgent('member', 'Idle', 'public');
    expect((await world.client('viewer')('agent.stats', { params: { id: idle.id } })).body).toEqual({
      agentId: idle.id,
      invocations: 0,
      ratingCount: 0,
      averageRating: null,
      toolCalls: {},
      errorRate: 0,
      perProject: [],
    });
    recordAgentRun(server.server.services, world.orgId, run(agents.private, world.projectId));
    for (const role of ['owner', 'admin'] as const) {
      expect((await world.client(role)('agent.stats', { params: { id: agents.private } })).status).toBe(404);
    }
    expect(((await world.client('member')('agent.stats', { params: { id: agents.private } })).body as AgentStats).invocations).toBe(1);
  });
});

describe('the run recorder', () => {
  it('validates runs and keeps them inside their organization', () => {
    const services = server.server.services;
    const attempt = (orgId: string, input: AgentRunInput) => {
      try {
        recordAgentRun(services, orgId, input);
        return null;
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        return [error.status, error.field];
      }
    };
    expect(attempt(world.orgId, run(agents.public, world.projectId, { rating: 6 }))).toEqual([400, 'rating']);
    expect(attempt(world.orgId, run(agents.public, world.projectId, { durationMs: -1 }))).toEqual([400, 'durationMs']);
    expect(attempt(world.orgId, run(agents.public, world.projectId, { toolCalls: { 'bad name': 1 } }))).toEqual([400, 'toolCalls.bad name']);
    expect(attempt(world.strangerOrgId, run(agents.public, world.strangerProjectId))).toEqual([404, 'agentId']);
    expect(attempt(world.orgId, run(agents.public, world.strangerProjectId))).toEqual([404, 'projectId']);
    expect(attempt(world.orgId, run(agents.public, world.projectId, { runBy: world.actors.stranger.userId }))).toEqual([404, 'runBy']);
    expect(attempt(world.orgId, run(agents.public, world.projectId))).toBeNull();
  });

  it('is not reachable over REST: clients cannot report their own usage', async () => {
    for (const path of [`/agent-registry/${agents.public}/runs`, `/agent-registry/${agents.public}/stats`]) {
      const res = await world.as('owner')('POST', path, { body: run(agents.public, world.projectId) });
      expect(res.status).toBe(404);
    }
  });
});

describe('isolation between organizations', () => {
  it("answers 404 for another organization's agents on every method", async () => {
    const strangers = await createAgent('stranger', 'Globex agent', 'public');
    const as = world.as('owner');
    const statuses = [
      (await as('GET', `/agent-registry/${strangers.id}`)).status,
      (await as('PUT', `/agent-registry/${strangers.id}`, { body: updateBody(strangers) })).status,
      (await as('DELETE', `/agent-registry/${strangers.id}`)).status,
      (await as('PUT', `/agent-registry/${strangers.id}/visibility`, { body: { level: 'public' } })).status,
      (await as('POST', `/agent-registry/${strangers.id}/retire`)).status,
      (await as('POST', `/agent-registry/${strangers.id}/fork`, { body: { projectId: world.projectId } })).status,
      (await as('GET', `/agent-registry/${strangers.id}/stats`)).status,
    ];
    expect(statuses).toEqual([404, 404, 404, 404, 404, 404, 404]);
    expect((await listAgents('owner')).map((a) => a.id)).not.toContain(strangers.id);
    expect((await getAgent('stranger', strangers.id)).status).toBe('active');
  });
});

describe('plan', () => {
  it('answers 402 naming the limit on every registry endpoint of a free organization', async () => {
    const { actor, session } = await signup(server, 'frugal-agents', 'Frugal Agents');
    const as = (method: string, path: string, body?: unknown) => server.request(method, path, { token: actor.token, body });
    const agent = (await as('POST', '/agent-registry', { name: 'Before downgrade', systemPrompt: '' })).body as AgentEntry;
    const projects = (await as('GET', '/projects')).body as { items: { id: string }[] };
    const projectId = projects.items[0]?.id ?? '';
    server.server.services.db.prepare("UPDATE organizations SET plan = 'free' WHERE id = ?").run(session.organization.id);

    const calls: [string, string, unknown?][] = [
      ['GET', '/agent-registry'],
      ['POST', '/agent-registry', { name: 'After', systemPrompt: '' }],
      ['GET', `/agent-registry/${agent.id}`],
      ['PUT', `/agent-registry/${agent.id}`, updateBody(agent, { name: 'Renamed' })],
      ['DELETE', `/agent-registry/${agent.id}`],
      ['PUT', `/agent-registry/${agent.id}/visibility`, { level: 'public' }],
      ['POST', `/agent-registry/${agent.id}/retire`],
      ['POST', `/agent-registry/${agent.id}/fork`, { projectId }],
      ['GET', `/agent-registry/${agent.id}/stats`],
    ];
    for (const [method, path, body] of calls) {
      const res = await as(method, path, body);
      expect([method, path, res.status]).toEqual([method, path, 402]);
      const error = (res.body as ErrorBody).error;
      expect(error.code).toBe('plan_limit');
      expect(error.message).toContain('registries');
    }
    expect(server.server.services.db.prepare('SELECT name, status FROM agents WHERE id = ?').get(agent.id)).toEqual({
      name: 'Before downgrade',
      status: 'active',
    });
  });
});
