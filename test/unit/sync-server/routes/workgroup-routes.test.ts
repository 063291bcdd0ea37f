import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Project } from '../../../../shared/domain/project';
import type { Workgroup } from '../../../../shared/domain/workgroup';
import type { WorkgroupMember } from '../../../../shared/rest/workgroup-endpoints';
import type { OrgMember } from '../../../../shared/rest/org-endpoints';
import type { ApiResponse, TestServer } from '../support/test-server';
import { startTestServer } from '../support/test-server';
import type { Actor, World, WorldRole } from '../support/world';
import { createWorld, inviteAndJoin, signup, worldRoles } from '../support/world';

type ErrorBody = { error: { code: string; message: string; field?: string } };
type Expected = Readonly<Record<WorldRole, number>>;

let server: TestServer;
let world: World;
/** A service account of the world's organization, used as the member that calls change. */
let botId: string;
let strangerWorkgroupId: string;
let strangerAgentId: string;
let counter = 0;

const unique = (prefix: string) => `${prefix} ${++counter}`;

async function ok<T>(response: Promise<ApiResponse<unknown>>, what: string): Promise<T> {
  const r = await response;
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as T;
}

const owner = () => world.as('owner');

async function newProject(): Promise<string> {
  return (await ok<Project>(owner()('POST', '/projects', { body: { name: unique('Project') } }), 'create project')).id;
}

/**
 * A workgroup created by the org owner (so its direct owner) where editor, member and viewer hold
 * the workgroup role of their name and the bot is a viewer: the world's actors then cover every
 * workgroup role, the outsider none.
 */
async function newWorkgroup(): Promise<string> {
  const workgroup = await ok<Workgroup>(owner()('POST', '/workgroups', { body: { name: unique('Workgroup') } }), 'create workgroup');
  const members: [string, string][] = [
    [world.actors.editor.userId, 'editor'],
    [world.actors.member.userId, 'member'],
    [world.actors.viewer.userId, 'viewer'],
    [botId, 'viewer'],
  ];
  for (const [userId, role] of members) {
    await ok(owner()('POST', `/workgroups/${workgroup.id}/members`, { body: { userId, role } }), 'add workgroup member');
  }
  return workgroup.id;
}

async function addProject(workgroupId: string, projectId: string): Promise<Project> {
  return ok<Project>(owner()('POST', `/workgroups/${workgroupId}/projects`, { body: { projectId } }), 'add project');
}

/** A person who joins the world's organization as a member through an invitation. */
async function joinOrg(prefix: string): Promise<Actor> {
  const name = `${prefix}-${++counter}`;
  const { actor, session } = await inviteAndJoin(server, world.actors.owner.token, name, { kind: 'organization', role: 'member' });
  if (session.organization.id !== world.orgId) throw new Error(`${name} did not join the organization`);
  return actor;
}

function accessChangesOf(userId: string): number {
  const row = server.server.services.db
    .prepare("SELECT COUNT(*) AS n FROM changes WHERE kind = 'access' AND user_id = ?")
    .get(userId) as { n: number };
  return row.n;
}

function auditActions(resourceId: string): string[] {
  return (
    server.server.services.db
      .prepare("SELECT action FROM audit_events WHERE resource_id = ? AND outcome = 'allowed' ORDER BY seq")
      .all(resourceId) as { action: string }[]
  ).map((row) => row.action);
}

beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server);
  const bot = await ok<OrgMember>(
    owner()('POST', `/orgs/${world.orgId}/members`, { body: { serviceAccount: { displayName: 'Bot' }, role: 'member' } }),
    'create bot',
  );
  botId = bot.user.id;
  strangerWorkgroupId = (
    await ok<Workgroup>(world.client('stranger')('workgroup.create', { body: { name: 'Globex group' } }), 'stranger workgroup')
  ).id;
  // The stranger's organization has its default agent from birth; its id is all a probe needs.
  strangerAgentId = (
    server.server.services.db.prepare('SELECT id FROM agents WHERE org_id = ? AND is_default = 1').get(world.strangerOrgId) as { id: string }
  ).id;
});

afterAll(async () => {
  await server.dispose();
});

/** How each endpoint is called: a fresh target for every call, so one actor's success cannot change the next one's answer. */
const calls: Record<string, () => Promise<{ method: string; path: string; body?: unknown }>> = {
  'workgroup.list': async () => ({ method: 'GET', path: '/workgroups' }),
  'workgroup.create': async () => ({ method: 'POST', path: '/workgroups', body: { name: unique('Created') } }),
  'workgroup.read': async () => ({ method: 'GET', path: `/workgroups/${await newWorkgroup()}` }),
  'workgroup.update (name)': async () => ({
    method: 'PUT',
    path: `/workgroups/${await newWorkgroup()}`,
    body: { name: unique('Renamed'), description: '', settings: { modelPool: null, toolAllowlist: null, systemPrompt: null, knowledgeBaseIds: [], agentIds: [] } },
  }),
  // Only the settings change, so the settings right alone decides.
  'workgroup.update (settings)': async () => {
    const workgroup = await ok<Workgroup>(owner()('GET', `/workgroups/${await newWorkgroup()}`), 'read workgroup');
    return {
      method: 'PUT',
      path: `/workgroups/${workgroup.id}`,
      body: {
        name: workgroup.name,
        description: workgroup.description,
        settings: { modelPool: null, toolAllowlist: ['web_search'], systemPrompt: 'Be brief.', knowledgeBaseIds: [], agentIds: [] },
      },
    };
  },
  'workgroup.delete': async () => ({ method: 'DELETE', path: `/workgroups/${await newWorkgroup()}` }),
  'workgroup.project.list': async () => ({ method: 'GET', path: `/workgroups/${await newWorkgroup()}/projects` }),
  'workgroup.project.add': async () => ({
    method: 'POST',
    path: `/workgroups/${await newWorkgroup()}/projects`,
    body: { projectId: await newProject() },
  }),
  'workgroup.project.remove': async () => {
    const workgroupId = await newWorkgroup();
    const projectId = await newProject();
    await addProject(workgroupId, projectId);
    return { method: 'DELETE', path: `/workgroups/${workgroupId}/projects/${projectId}` };
  },
  'workgroup.member.list': async () => ({ method: 'GET', path: `/workgroups/${await newWorkgroup()}/members` }),
  'workgroup.member.upsert (add)': async () => ({
    method: 'POST',
    path: `/workgroups/${await newWorkgroup()}/members`,
    body: { userId: world.actors.outsider.userId, role: 'viewer' },
  }),
  'workgroup.member.upsert (change)': async () => ({
    method: 'POST',
    path: `/workgroups/${await newWorkgroup()}/members`,
    body: { userId: botId, role: 'editor' },
  }),
  'workgroup.member.update-role': async () => ({
    method: 'PUT',
    path: `/workgroups/${await newWorkgroup()}/members/${botId}`,
    body: { role: 'member' },
  }),
  'workgroup.member.remove': async () => ({ method: 'DELETE', path: `/workgroups/${await newWorkgroup()}/members/${botId}` }),
};

// owner and admin: org owner and admin (owners of every workgroup); editor, member, viewer: that
// workgroup role; outsider: org member outside the workgroup; stranger: another organization.
const expectations: [string, Expected][] = [
  ['workgroup.list', { owner: 200, admin: 200, editor: 200, member: 200, viewer: 200, outsider: 200, stranger: 200 }],
  ['workgroup.create', { owner: 201, admin: 201, editor: 403, member: 403, viewer: 403, outsider: 403, stranger: 201 }],
  ['workgroup.read', { owner: 200, admin: 200, editor: 200, member: 200, viewer: 200, outsider: 404, stranger: 404 }],
  ['workgroup.update (name)', { owner: 200, admin: 200, editor: 200, member: 403, viewer: 403, outsider: 404, stranger: 404 }],
  ['workgroup.update (settings)', { owner: 200, admin: 200, editor: 200, member: 403, viewer: 403, outsider: 404, stranger: 404 }],
  ['workgroup.delete', { owner: 204, admin: 204, editor: 403, member: 403, viewer: 403, outsider: 404, stranger: 404 }],
  ['workgroup.project.list', { owner: 200, admin: 200, editor: 200, member: 200, viewer: 200, outsider: 404, stranger: 404 }],
  ['workgroup.project.add', { owner: 201, admin: 201, editor: 403, member: 403, viewer: 403, outsider: 404, stranger: 404 }],
  ['workgroup.project.remove', { owner: 204, admin: 204, editor: 403, member: 403, viewer: 403, outsider: 404, stranger: 404 }],
  ['workgroup.member.list', { owner: 200, admin: 200, editor: 200, member: 200, viewer: 200, outsider: 404, stranger: 404 }],
  ['workgroup.member.upsert (add)', { owner: 200, admin: 200, editor: 403, member: 403, viewer: 403, outsider: 404, stranger: 404 }],
  ['workgroup.member.upsert (change)', { owner: 200, admin: 200, editor: 403, member: 403, viewer: 403, outsider: 404, stranger: 404 }],
  ['workgroup.member.update-role', { owner: 200, admin: 200, editor: 403, member: 403, viewer: 403, outsider: 404, stranger: 404 }],
  ['workgroup.member.remove', { owner: 204, admin: 204, editor: 403, member: 403, viewer: 403, outsider: 404, stranger: 404 }],
];

describe('workgroup endpoints by role', () => {
  const cases = expectations.flatMap(([name, expected]) => worldRoles.map((role) => [name, role, expected[role]] as const));
  it.each(cases)('%s as %s answers %i', async (name, role, status) => {
    const call = calls[name];
    if (call === undefined) throw new Error(`no call for ${name}`);
    const { method, path, body } = await call();
    const response = await world.as(role)(method, path, body === undefined ? {} : { body });
    expect(response.status, JSON.stringify(response.body)).toBe(status);
    if (status >= 400) expect((response.body as ErrorBody).error.code).toBeTruthy();
  });
});

describe('workgroups', () => {
  it('lists only the workgroups the caller belongs to, and all of them to org owners and admins', async () => {
    const workgroupId = await newWorkgroup();
    const list = async (role: WorldRole) => ((await world.client(role)('workgroup.list')).body as { items: Workgroup[] }).items;
    const ids = async (role: WorldRole) => (await list(role)).map((w) => w.id);
    for (const role of ['owner', 'admin', 'editor', 'member', 'viewer'] as const) expect(await ids(role)).toContain(workgroupId);
    expect(await ids('outsider')).not.toContain(workgroupId);
    const strangers = await list('stranger');
    expect(strangers.map((w) => w.id)).toContain(strangerWorkgroupId);
    expect(strangers.every((w) => w.orgId === world.strangerOrgId)).toBe(true);
    expect(await ids('owner')).not.toContain(strangerWorkgroupId);
    // The org owner sees a workgroup they are not a direct member of.
    const adminOnly = await ok<Workgroup>(world.client('admin')('workgroup.create', { body: { name: unique('Admin only') } }), 'admin workgroup');
    expect(await ids('owner')).toContain(adminOnly.id);
    expect(await ids('editor')).not.toContain(adminOnly.id);
  });

  it('makes the creator its owner and records the creation', async () => {
    const created = await world.client('admin')('workgroup.create', { body: { name: 'Research', description: 'Papers' } });
    expect(created.status).toBe(201);
    const workgroup = created.body as Workgroup;
    expect(workgroup).toMatchObject({ name: 'Research', description: 'Papers', orgId: world.orgId });
    expect(workgroup.settings).toEqual({ modelPool: null, toolAllowlist: null, systemPrompt: null, knowledgeBaseIds: [], agentIds: [] });
    const members = (await owner()('GET', `/workgroups/${workgroup.id}/members`)).body as { items: WorkgroupMember[] };
    expect(members.items.map((m) => [m.user.id, m.role])).toEqual([[world.actors.admin.userId, 'owner']]);
    expect(auditActions(workgroup.id)).toEqual(['workgroup.create']);
  });

  it('stores shared settings and keeps a workgroup editor from nothing but membership management', async () => {
    const workgroupId = await newWorkgroup();
    const settings = { modelPool: null, toolAllowlist: ['web_search', 'calculator'], systemPrompt: 'Cite sources.', knowledgeBaseIds: [], agentIds: [] };
    const updated = await world.client('editor')('workgroup.update', { params: { id: workgroupId }, body: { name: 'Renamed', description: 'd', settings } });
    expect(updated.status).toBe(200);
    expect((await owner()('GET', `/workgroups/${workgroupId}`)).body).toMatchObject({ name: 'Renamed', description: 'd', settings });
    const manage = await world.client('editor')('workgroup.member.upsert', { params: { id: workgroupId }, body: { userId: world.actors.outsider.userId, role: 'owner' } });
    expect(manage.status).toBe(403);
  });

  it('refuses unknown fields and bad settings with 400 naming the field', async () => {
    const workgroupId = await newWorkgroup();
    const base = { name: 'W', description: '', settings: { modelPool: null, toolAllowlist: null, systemPrompt: null, knowledgeBaseIds: [], agentIds: [] } };
    const unknownField = await owner()('PUT', `/workgroups/${workgroupId}`, { body: { ...base, orgId: world.strangerOrgId } });
    expect(unknownField.status).toBe(400);
    expect((unknownField.body as ErrorBody).error.field).toBe('orgId');
    const emptyPool = await owner()('PUT', `/workgroups/${workgroupId}`, { body: { ...base, settings: { ...base.settings, modelPool: [] } } });
    expect(emptyPool.status).toBe(400);
    expect((emptyPool.body as ErrorBody).error.field).toBe('settings.modelPool');
    const badRole = await owner()('POST', `/workgroups/${workgroupId}/members`, { body: { userId: botId, role: 'admin' } });
    expect(badRole.status).toBe(400);
    expect((badRole.body as ErrorBody).error.field).toBe('role');
  });

  it('answers 404 for the ids of another organization in paths and bodies', async () => {
    const workgroupId = await newWorkgroup();
    const { strangerProjectId } = world;
    const strangerId = world.actors.stranger.userId;
    const settings = { modelPool: null, toolAllowlist: null, systemPrompt: null, knowledgeBaseIds: [], agentIds: [] };
    const probes: [string, string, unknown?][] = [
      ['GET', `/workgroups/${strangerWorkgroupId}`],
      ['PUT', `/workgroups/${strangerWorkgroupId}`, { name: 'Mine now', description: '', settings }],
      ['DELETE', `/workgroups/${strangerWorkgroupId}`],
      ['GET', `/workgroups/${strangerWorkgroupId}/projects`],
      ['POST', `/workgroups/${strangerWorkgroupId}/projects`, { projectId: world.projectId }],
      ['GET', `/workgroups/${strangerWorkgroupId}/members`],
      ['POST', `/workgroups/${strangerWorkgroupId}/members`, { userId: botId, role: 'owner' }],
      ['POST', `/workgroups/${workgroupId}/projects`, { projectId: strangerProjectId }],
      ['DELETE', `/workgroups/${workgroupId}/projects/${strangerProjectId}`],
      ['POST', `/workgroups/${workgroupId}/members`, { userId: strangerId, role: 'viewer' }],
      ['PUT', `/workgroups/${workgroupId}/members/${strangerId}`, { role: 'viewer' }],
      ['DELETE', `/workgroups/${workgroupId}/members/${strangerId}`],
      ['POST', '/workgroups', { name: 'Probe', settings: { ...settings, agentIds: [strangerAgentId] } }],
      ['PUT', `/workgroups/${workgroupId}`, { name: 'Probe', description: '', settings: { ...settings, agentIds: [strangerAgentId] } }],
    ];
    for (const [method, path, body] of probes) {
      const response = await owner()(method, path, body === undefined ? {} : { body });
      expect(response.status, `${method} ${path}`).toBe(404);
    }
    // The stranger's workgroup is untouched.
    const theirs = await world.client('stranger')('workgroup.read', { params: { id: strangerWorkgroupId } });
    expect((theirs.body as Workgroup).name).toBe('Globex group');
  });

  it('names the settings field whose agent the caller cannot see', async () => {
    const settings = { modelPool: null, toolAllowlist: null, systemPrompt: null, knowledgeBaseIds: [], agentIds: [strangerAgentId] };
    const response = await owner()('POST', '/workgroups', { body: { name: 'Probe', settings } });
    expect(response.status).toBe(404);
    expect((response.body as ErrorBody).error.field).toBe('settings.agentIds.0');
  });
});

describe('workgroup names', () => {
  it('are unique per organization whatever their case: 409 on the name field, in words', async () => {
    const name = unique('Research');
    const first = await ok<Workgroup>(owner()('POST', '/workgroups', { body: { name } }), 'create');
    const again = await world.client('admin')('workgroup.create', { body: { name: name.toUpperCase() } });
    expect(again.status).toBe(409);
    expect((again.body as ErrorBody).error).toMatchObject({ field: 'name', message: `Another workgroup of this organization is already named “${name.toUpperCase()}”; choose another name.` });
    const other = await ok<Workgroup>(owner()('POST', '/workgroups', { body: { name: unique('Design') } }), 'create');
    const renamed = await owner()('PUT', `/workgroups/${other.id}`, { body: { name, description: '', settings: other.settings } });
    expect(renamed.status).toBe(409);
    expect((await owner()('PUT', `/workgroups/${first.id}`, { body: { name, description: 'Kept its name', settings: first.settings } })).status).toBe(200);
    expect((await world.client('stranger')('workgroup.create', { body: { name } })).status).toBe(201);
  });

  it('answer 400 in words for a name too long or missing', async () => {
    const long = await owner()('POST', '/workgroups', { body: { name: 'w'.repeat(101) } });
    expect([long.status, (long.body as ErrorBody).error.message, (long.body as ErrorBody).error.field]).toEqual([400, 'Name must have at most 100 characters', 'name']);
    const missing = await owner()('POST', '/workgroups', { body: { description: 'no name' } });
    expect([missing.status, (missing.body as ErrorBody).error.message]).toEqual([400, 'Name is required']);
  });
});

describe('workgroup projects', () => {
  it('gives every workgroup member their workgroup role on each contained project, and takes it away again', async () => {
    const workgroupId = await newWorkgroup();
    const outsider = world.client('outsider');
    const projectId = world.projectId;
    expect((await outsider('project.read', { params: { id: projectId } })).status).toBe(404);
    await addProject(workgroupId, projectId);
    await ok(owner()('POST', `/workgroups/${workgroupId}/members`, { body: { userId: world.actors.outsider.userId, role: 'viewer' } }), 'add outsider');
    expect((await outsider('project.read', { params: { id: projectId } })).status).toBe(200);
    // A viewer through the workgroup reads but does not edit; as editor through it they do.
    expect((await outsider('project.patch', { params: { id: projectId }, body: { description: 'by the outsider' } })).status).toBe(403);
    await ok(owner()('PUT', `/workgroups/${workgroupId}/members/${world.actors.outsider.userId}`, { body: { role: 'editor' } }), 'promote');
    expect((await outsider('project.patch', { params: { id: projectId }, body: { description: 'by the outsider' } })).status).toBe(200);
    // A project added later is covered too.
    const later = await newProject();
    expect((await outsider('project.read', { params: { id: later } })).status).toBe(404);
    await addProject(workgroupId, later);
    expect((await outsider('project.read', { params: { id: later } })).status).toBe(200);

    const before = accessChangesOf(world.actors.outsider.userId);
    expect((await owner()('DELETE', `/workgroups/${workgroupId}/members/${world.actors.outsider.userId}`)).status).toBe(204);
    expect(accessChangesOf(world.actors.outsider.userId)).toBeGreaterThan(before);
    expect((await outsider('project.read', { params: { id: projectId } })).status).toBe(404);
    expect((await outsider('project.read', { params: { id: later } })).status).toBe(404);
    expect(auditActions(workgroupId)).toEqual(
      expect.arrayContaining(['workgroup.project.add', 'workgroup.member.add', 'workgroup.member.update-role', 'workgroup.member.remove']),
    );
    await ok(owner()('DELETE', `/workgroups/${workgroupId}/projects/${projectId}`), 'take alpha out again');
  });

  it('takes access away when the project leaves the workgroup', async () => {
    const workgroupId = await newWorkgroup();
    const projectId = await newProject();
    await addProject(workgroupId, projectId);
    expect((await world.client('viewer')('project.read', { params: { id: projectId } })).status).toBe(200);
    const before = accessChangesOf(world.actors.viewer.userId);
    expect((await owner()('DELETE', `/workgroups/${workgroupId}/projects/${projectId}`)).status).toBe(204);
    expect(accessChangesOf(world.actors.viewer.userId)).toBeGreaterThan(before);
    expect((await world.client('viewer')('project.read', { params: { id: projectId } })).status).toBe(404);
    const listed = (await owner()('GET', `/workgroups/${workgroupId}/projects`)).body as { items: Project[] };
    expect(listed.items).toEqual([]);
    // Not in the workgroup any more: removing it again names nothing.
    expect((await owner()('DELETE', `/workgroups/${workgroupId}/projects/${projectId}`)).status).toBe(404);
  });

  it('makes the first workgroup primary, refuses a second add, and promotes the oldest share when the primary goes', async () => {
    const [first, second, third] = [await newWorkgroup(), await newWorkgroup(), await newWorkgroup()];
    const projectId = await newProject();
    expect(await addProject(first, projectId)).toMatchObject({ primaryWorkgroupId: first, sharedWorkgroupIds: [] });
    const again = await owner()('POST', `/workgroups/${first}/projects`, { body: { projectId } });
    expect(again.status).toBe(409);
    await addProject(second, projectId);
    expect(await addProject(third, projectId)).toMatchObject({ primaryWorkgroupId: first, sharedWorkgroupIds: [second, third] });
    const listed = (await owner()('GET', `/workgroups/${third}/projects`)).body as { items: Project[] };
    expect(listed.items.map((p) => p.id)).toEqual([projectId]);

    await ok(owner()('DELETE', `/workgroups/${first}/projects/${projectId}`), 'remove primary');
    expect((await owner()('GET', `/projects/${projectId}`)).body).toMatchObject({ primaryWorkgroupId: second, sharedWorkgroupIds: [third] });
    await ok(owner()('DELETE', `/workgroups/${third}/projects/${projectId}`), 'remove share');
    expect((await owner()('GET', `/projects/${projectId}`)).body).toMatchObject({ primaryWorkgroupId: second, sharedWorkgroupIds: [] });
    await ok(owner()('DELETE', `/workgroups/${second}/projects/${projectId}`), 'remove last');
    expect((await owner()('GET', `/projects/${projectId}`)).body).toMatchObject({ primaryWorkgroupId: null, sharedWorkgroupIds: [] });
  });

  it("needs the project's share right as well as the workgroup's", async () => {
    const workgroupId = await newWorkgroup();
    // Editor owns the workgroup but is only an editor of alpha; outsider owns it and has no role on alpha.
    for (const role of ['editor', 'outsider'] as const) {
      await ok(owner()('POST', `/workgroups/${workgroupId}/members`, { body: { userId: world.actors[role].userId, role: 'owner' } }), 'make owner');
    }
    const byEditor = await world.client('editor')('workgroup.project.add', { params: { id: workgroupId }, body: { projectId: world.projectId } });
    expect(byEditor.status).toBe(403);
    const byOutsider = await world.client('outsider')('workgroup.project.add', { params: { id: workgroupId }, body: { projectId: world.projectId } });
    expect(byOutsider.status).toBe(404);
    // A project the workgroup owner owns goes in.
    const own = await ok<Project>(world.client('outsider')('project.create', { body: { name: unique('Own') } }), 'own project');
    const added = await world.client('outsider')('workgroup.project.add', { params: { id: workgroupId }, body: { projectId: own.id } });
    expect(added.status).toBe(201);
  });

  it('deleting a workgroup takes away the access it gave and tells every member of its projects', async () => {
    const doomed = await newWorkgroup();
    const other = await newWorkgroup();
    const projectId = await newProject();
    await addProject(doomed, projectId);
    await addProject(other, projectId);
    await ok(owner()('POST', `/projects/${projectId}/members`, { body: { userId: world.actors.outsider.userId, role: 'viewer' } }), 'direct member');
    const extra = await joinOrg('extra');
    await ok(owner()('POST', `/workgroups/${doomed}/members`, { body: { userId: extra.userId, role: 'member' } }), 'extra joins');
    expect((await server.request('GET', `/projects/${projectId}`, { token: extra.token })).status).toBe(200);
    const extraBefore = accessChangesOf(extra.userId);
    const viewerBefore = accessChangesOf(world.actors.viewer.userId);
    const outsiderBefore = accessChangesOf(world.actors.outsider.userId);

    const invitation = await ok<{ id: string }>(
      owner()('POST', '/auth/invitations', { body: { email: 'later@example.test', target: { kind: 'workgroup', workgroupId: doomed, role: 'viewer' } } }),
      'pending invitation',
    );
    expect((await owner()('DELETE', `/workgroups/${doomed}`)).status).toBe(204);

    expect((await owner()('GET', `/workgroups/${doomed}`)).status).toBe(404);
    expect((await server.request('GET', `/projects/${projectId}`, { token: extra.token })).status).toBe(404);
    expect(accessChangesOf(extra.userId)).toBeGreaterThan(extraBefore);
    expect(accessChangesOf(world.actors.viewer.userId)).toBeGreaterThan(viewerBefore);
    expect(accessChangesOf(world.actors.outsider.userId)).toBeGreaterThan(outsiderBefore);
    // The project stays, now primary in the workgroup it was shared into.
    expect((await owner()('GET', `/projects/${projectId}`)).body).toMatchObject({ primaryWorkgroupId: other, sharedWorkgroupIds: [] });
    expect((await world.client('viewer')('project.read', { params: { id: projectId } })).status).toBe(200);
    const pending = (await owner()('GET', '/auth/invitations')).body as { items: { id: string }[] };
    expect(pending.items.map((i) => i.id)).not.toContain(invitation.id);
    expect(auditActions(doomed)).toContain('workgroup.delete');
  });
});

describe('workgroup members', () => {
  it('keeps the last direct owner of a workgroup', async () => {
    const workgroupId = await newWorkgroup();
    const ownerId = world.actors.owner.userId;
    const leave = await owner()('DELETE', `/workgroups/${workgroupId}/members/${ownerId}`);
    expect(leave.status).toBe(409);
    expect((leave.body as ErrorBody).error.message).toMatch(/last owner of the workgroup/);
    expect((await owner()('PUT', `/workgroups/${workgroupId}/members/${ownerId}`, { body: { role: 'editor' } })).status).toBe(409);
    expect((await world.client('admin')('workgroup.member.remove', { params: { id: workgroupId, uid: ownerId } })).status).toBe(409);
    // With a second owner the first may step down.
    await ok(owner()('PUT', `/workgroups/${workgroupId}/members/${botId}`, { body: { role: 'owner' } }), 'second owner');
    expect((await owner()('PUT', `/workgroups/${workgroupId}/members/${ownerId}`, { body: { role: 'editor' } })).status).toBe(200);
  });

  it('lets a member leave, and upserts instead of duplicating', async () => {
    const workgroupId = await newWorkgroup();
    expect((await world.client('viewer')('workgroup.member.remove', { params: { id: workgroupId, uid: world.actors.viewer.userId } })).status).toBe(204);
    expect((await world.client('viewer')('workgroup.read', { params: { id: workgroupId } })).status).toBe(404);
    const first = await owner()('POST', `/workgroups/${workgroupId}/members`, { body: { userId: botId, role: 'member' } });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ workgroupId, role: 'member', user: { id: botId, kind: 'service' } });
    const members = (await owner()('GET', `/workgroups/${workgroupId}/members`)).body as { items: WorkgroupMember[] };
    expect(members.items.filter((m) => m.user.id === botId)).toHaveLength(1);
    expect(members.items.map((m) => m.user.id)).not.toContain(world.actors.viewer.userId);
  });

  it('adds only people of the organization and changes only existing members by PUT', async () => {
    const workgroupId = await newWorkgroup();
    expect((await owner()('POST', `/workgroups/${workgroupId}/members`, { body: { userId: 'usr_0000000000000000nobody', role: 'viewer' } })).status).toBe(404);
    expect((await owner()('PUT', `/workgroups/${workgroupId}/members/${world.actors.outsider.userId}`, { body: { role: 'viewer' } })).status).toBe(404);
    expect((await owner()('DELETE', `/workgroups/${workgroupId}/members/${world.actors.outsider.userId}`)).status).toBe(404);
  });
});

describe('workgroup plan limits', () => {
  let standard: TestServer;
  let professional: TestServer;

  beforeAll(async () => {
    [standard, professional] = await Promise.all([startTestServer({ defaultPlan: 'standard' }), startTestServer({ defaultPlan: 'professional' })]);
  });

  afterAll(async () => {
    await Promise.all([standard.dispose(), professional.dispose()]);
  });

  it('allows 3 workgroups on the standard plan and answers 402 naming the limit for the fourth', async () => {
    const { actor } = await signup(standard, 'planner', 'Small Co');
    for (let i = 1; i <= 3; i++) {
      expect((await standard.request('POST', '/workgroups', { token: actor.token, body: { name: `Group ${i}` } })).status).toBe(201);
    }
    const fourth = await standard.request<ErrorBody>('POST', '/workgroups', { token: actor.token, body: { name: 'Group 4' } });
    expect(fourth.status).toBe(402);
    expect(fourth.body.error.code).toBe('plan_limit');
    expect(fourth.body.error.message).toMatch(/standard plan allows 3 workgroups/);
    expect(fourth.body.error.message).toMatch(/workgroups/);
  });

  it('needs enforced models and tools for a restricting tool allowlist', async () => {
    const { actor } = await signup(standard, 'restrictor', 'Tools Co');
    const settings = { modelPool: null, toolAllowlist: [], systemPrompt: null, knowledgeBaseIds: [], agentIds: [] };
    const refused = await standard.request<ErrorBody>('POST', '/workgroups', { token: actor.token, body: { name: 'Locked', settings } });
    expect(refused.status).toBe(402);
    expect(refused.body.error.message).toMatch(/enforced models and tools/);
    const open = await standard.request<Workgroup>('POST', '/workgroups', { token: actor.token, body: { name: 'Open' } });
    expect(open.status).toBe(201);
    const put = await standard.request('PUT', `/workgroups/${open.body.id}`, { token: actor.token, body: { name: 'Open', description: '', settings } });
    expect(put.status).toBe(402);
    // A system prompt is no restriction.
    const prompt = await standard.request('PUT', `/workgroups/${open.body.id}`, {
      token: actor.token,
      body: { name: 'Open', description: '', settings: { ...settings, toolAllowlist: null, systemPrompt: 'Hello' } },
    });
    expect(prompt.status).toBe(200);
  });

  it('refuses cross-workgroup sharing on professional until the owner moves the organization to enterprise', async () => {
    const { actor, session } = await signup(professional, 'sharer', 'Share Co');
    const as = (method: string, path: string, body?: unknown) => professional.request(method, path, { token: actor.token, body });
    const first = ((await as('POST', '/workgroups', { name: 'First' })).body as Workgroup).id;
    const second = ((await as('POST', '/workgroups', { name: 'Second' })).body as Workgroup).id;
    const projectId = ((await as('POST', '/projects', { name: 'Shared' })).body as Project).id;
    expect((await as('POST', `/workgroups/${first}/projects`, { projectId })).status).toBe(201);
    const refused = await as('POST', `/workgroups/${second}/projects`, { projectId });
    expect(refused.status).toBe(402);
    expect((refused.body as ErrorBody).error.message).toMatch(/professional plan does not include cross-workgroup sharing/);

    const org = session.organization;
    const upgraded = await as('PUT', `/orgs/${org.id}`, { name: org.name, slug: org.slug, plan: 'enterprise' });
    expect(upgraded.status).toBe(200);
    const shared = await as('POST', `/workgroups/${second}/projects`, { projectId });
    expect(shared.status).toBe(201);
    expect(shared.body).toMatchObject({ primaryWorkgroupId: first, sharedWorkgroupIds: [second] });
  });
});
