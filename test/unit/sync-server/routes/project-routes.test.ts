import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Project } from '../../../../shared/domain/project';
import { freshProject, errorOf, joinOrg, ok } from '../support/project-fixtures';
import { startTestServer } from '../support/test-server';
import type { TestServer } from '../support/test-server';
import { createWorld, worldRoles } from '../support/world';
import type { Actor, World, WorldRole } from '../support/world';

let server: TestServer;
let world: World;
let extra: Actor;
let strangerWorkgroupId: string;
let strangerModelId: string;

beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server);
  extra = await joinOrg(world, 'extra');
  const stranger = world.client('stranger');
  strangerWorkgroupId = (await ok<{ id: string }>(stranger('workgroup.create', { body: { name: 'Globex R&D' } }), 'stranger workgroup')).id;
  strangerModelId = (
    await ok<{ id: string }>(
      stranger('model.create', { body: { name: 'Globex model', provider: { baseUrl: 'http://127.0.0.1:11434/v1', model: 'g' }, visibility: { level: 'public' } } }),
      'stranger model',
    )
  ).id;
});

afterAll(async () => {
  await server.dispose();
});

interface Call {
  readonly method: string;
  readonly path: string;
  readonly body?: unknown;
}

let made = 0;

/** How each endpoint is called for a role-table row; mutating rows work on a fresh project each time. */
const calls: Record<string, (actor: Actor) => Promise<Call>> = {
  'GET /projects': async () => ({ method: 'GET', path: '/projects' }),
  'POST /projects': async () => ({ method: 'POST', path: '/projects', body: { name: `Made ${++made}` } }),
  'GET /projects/:id': async () => ({ method: 'GET', path: `/projects/${world.projectId}` }),
  'PUT /projects/:id': async () => {
    const p = await freshProject(world);
    return {
      method: 'PUT',
      path: `/projects/${p.id}`,
      body: { name: `Renamed ${++made}`, canonicalName: `renamed-${made}`, description: 'new', metadata: { team: 'x' }, defaultModelId: null, primaryWorkgroupId: null, sharedWorkgroupIds: [] },
    };
  },
  'PATCH /projects/:id': async () => ({ method: 'PATCH', path: `/projects/${(await freshProject(world)).id}`, body: { description: 'patched' } }),
  'DELETE /projects/:id': async () => ({ method: 'DELETE', path: `/projects/${(await freshProject(world)).id}` }),
  'GET /projects/:id/members': async () => ({ method: 'GET', path: `/projects/${world.projectId}/members` }),
  'POST /projects/:id/members': async () => ({
    method: 'POST',
    path: `/projects/${(await freshProject(world)).id}/members`,
    body: { userId: world.actors.outsider.userId, role: 'viewer' },
  }),
  'PUT /projects/:id/members/:uid': async () => ({
    method: 'PUT',
    path: `/projects/${(await freshProject(world, [[extra, 'viewer']])).id}/members/${extra.userId}`,
    body: { role: 'member' },
  }),
  'DELETE /projects/:id/members/:uid (someone else)': async () => ({
    method: 'DELETE',
    path: `/projects/${(await freshProject(world, [[extra, 'viewer']])).id}/members/${extra.userId}`,
  }),
  'DELETE /projects/:id/members/:uid (leave)': async (actor) => ({
    method: 'DELETE',
    path: `/projects/${(await freshProject(world)).id}/members/${actor.userId}`,
  }),
  'POST /projects/:id/transfer-ownership': async () => ({
    method: 'POST',
    path: `/projects/${(await freshProject(world)).id}/transfer-ownership`,
    body: { userId: extra.userId },
  }),
  'GET /projects/:id/config': async () => ({ method: 'GET', path: `/projects/${world.projectId}/config` }),
  'PUT /projects/:id/config': async () => ({
    method: 'PUT',
    path: `/projects/${(await freshProject(world)).id}/config`,
    body: { systemPromptOverride: 'Be brief.', modelLock: null, toolAllowlist: null, knowledgeBaseIds: [], defaultModelId: null },
  }),
  'GET /projects/:id/conversations': async () => ({ method: 'GET', path: `/projects/${world.projectId}/conversations` }),
  'POST /projects/:id/conversations': async () => ({
    method: 'POST',
    path: `/projects/${world.projectId}/conversations`,
    body: { title: 'Standup', kind: 'shared' },
  }),
  'GET /projects/:id/search': async () => ({ method: 'GET', path: `/projects/${world.projectId}/search?q=alpha` }),
  'GET /projects/:id/export': async () => ({ method: 'GET', path: `/projects/${world.projectId}/export` }),
};

type Row = readonly [endpoint: string, owner: number, admin: number, editor: number, member: number, viewer: number, outsider: number, stranger: number];

// The world's owner is an org owner and alpha's creator; admin is an org admin with no direct role;
// editor, member and viewer hold that role directly; outsider is an org member without a role;
// stranger belongs to another organization. The leave row: the creator is the last direct owner
// (409) and an admin holds no direct role to give up (404).
const expectations: readonly Row[] = [
  //  endpoint                                           owner admin editor member viewer outsider stranger
  ['GET /projects',                                      200,  200,  200,   200,   200,   200,     200],
  ['POST /projects',                                     201,  201,  201,   201,   201,   201,     201],
  ['GET /projects/:id',                                  200,  200,  200,   200,   200,   404,     404],
  ['PUT /projects/:id',                                  200,  200,  200,   403,   403,   404,     404],
  ['PATCH /projects/:id',                                200,  200,  200,   403,   403,   404,     404],
  ['DELETE /projects/:id',                               204,  204,  403,   403,   403,   404,     404],
  ['GET /projects/:id/members',                          200,  200,  200,   200,   200,   404,     404],
  ['POST /projects/:id/members',                         200,  200,  403,   403,   403,   404,     404],
  ['PUT /projects/:id/members/:uid',                     200,  200,  403,   403,   403,   404,     404],
  ['DELETE /projects/:id/members/:uid (someone else)',   204,  204,  403,   403,   403,   404,     404],
  ['DELETE /projects/:id/members/:uid (leave)',          409,  404,  204,   204,   204,   404,     404],
  ['POST /projects/:id/transfer-ownership',              200,  200,  403,   403,   403,   404,     404],
  ['GET /projects/:id/config',                           200,  200,  200,   200,   200,   404,     404],
  ['PUT /projects/:id/config',                           200,  200,  200,   403,   403,   404,     404],
  ['GET /projects/:id/conversations',                    200,  200,  200,   200,   200,   404,     404],
  ['POST /projects/:id/conversations',                   201,  201,  201,   201,   403,   404,     404],
  ['GET /projects/:id/search',                           200,  200,  200,   200,   200,   404,     404],
  ['GET /projects/:id/export',                           200,  200,  200,   403,   403,   404,     404],
];

const cases = expectations.flatMap(([endpoint, ...statuses]) =>
  worldRoles.map((role, index) => ({ endpoint, role, status: statuses[index] as number })),
);

describe('every project endpoint against every role', () => {
  it('covers every endpoint of the contract', async () => {
    const { projectEndpoints } = await import('../../../../shared/rest/project-endpoints');
    const declared = Object.values(projectEndpoints).map((e) => `${e.method} ${e.path}`);
    const tested = new Set(expectations.map(([endpoint]) => endpoint.split(' (')[0]));
    expect(declared.filter((endpoint) => !tested.has(endpoint))).toEqual([]);
  });

  it.each(cases)('$endpoint as $role answers $status', async ({ endpoint, role, status }) => {
    const actor = world.actors[role as WorldRole];
    const call = await calls[endpoint]!(actor);
    const res = await world.as(actor)(call.method, call.path, call.body === undefined ? {} : { body: call.body });
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    if (status >= 400) expect(errorOf(res).code).toMatch(/^[a-z_]+$/);
  });
});

describe('GET /projects', () => {
  const seesEverything: Record<WorldRole, boolean> = {
    owner: true,
    admin: true,
    editor: false,
    member: false,
    viewer: false,
    outsider: false,
    // An owner of their own organization; nothing of ours.
    stranger: true,
  };

  it.each(worldRoles)('lists for %s exactly the projects they may see', async (role) => {
    const actor = world.actors[role];
    const orgId = role === 'stranger' ? world.strangerOrgId : world.orgId;
    const db = server.server.services.db;
    // Up to here nobody of the world holds a workgroup role, so a role means a direct membership;
    // every member of the organization sees its default project.
    const expected = seesEverything[role]
      ? db.prepare('SELECT id FROM projects WHERE org_id = ?').all(orgId)
      : db
          .prepare('SELECT p.id FROM projects p LEFT JOIN project_members pm ON pm.project_id = p.id AND pm.user_id = ? WHERE p.org_id = ? AND (pm.user_id IS NOT NULL OR p.is_default = 1)')
          .all(actor.userId, orgId);
    const res = await world.client(role)('project.list');
    const ids = (res.body as { items: Project[] }).items.map((p) => p.id);
    expect(ids.sort()).toEqual((expected as { id: string }[]).map((r) => r.id).sort());
    expect(ids.includes(world.projectId)).toBe(['owner', 'admin', 'editor', 'member', 'viewer'].includes(role));
    expect(ids.includes(world.defaultProjectId)).toBe(role !== 'stranger');
    expect(ids.includes(world.strangerProjectId)).toBe(role === 'stranger');
  });

  it('lists a project to someone who holds a role only through a workgroup holding it', async () => {
    const wgMember = await joinOrg(world, 'wg-only');
    const owner = world.as('owner');
    const wg = await ok<{ id: string }>(owner('POST', '/workgroups', { body: { name: 'Listing' } }), 'workgroup');
    const p = await ok<Project>(owner('POST', '/projects', { body: { name: 'Held by workgroup', primaryWorkgroupId: wg.id } }), 'project');
    const before = await world.client(wgMember)('project.list');
    expect((before.body as { items: Project[] }).items.map((x) => x.id)).not.toContain(p.id);
    await ok(owner('POST', `/workgroups/${wg.id}/members`, { body: { userId: wgMember.userId, role: 'viewer' } }), 'wg member');
    const after = await world.client(wgMember)('project.list');
    expect((after.body as { items: Project[] }).items.map((x) => x.id)).toContain(p.id);
  });
});

describe('POST /projects', () => {
  it('derives the canonical name, makes the creator a direct owner and audits with the project id', async () => {
    const res = await world.client('member')('project.create', { body: { name: 'Café Ops — 2025', metadata: { team: 'ops' } } });
    expect(res.status).toBe(201);
    const project = res.body as Project;
    expect(project.canonicalName).toBe('cafe-ops-2025');
    expect(project.metadata).toEqual({ team: 'ops' });
    expect(project.isDefault).toBe(false);
    const db = server.server.services.db;
    expect(db.prepare('SELECT role FROM project_members WHERE project_id = ? AND user_id = ?').get(project.id, world.actors.member.userId)).toEqual({
      role: 'owner',
    });
    const audit = db.prepare("SELECT project_id, actor_id FROM audit_events WHERE action = 'project.create' AND resource_id = ?").get(project.id);
    expect(audit).toEqual({ project_id: project.id, actor_id: world.actors.member.userId });
    const access = db.prepare("SELECT 1 FROM changes WHERE kind = 'access' AND user_id = ? AND org_id = ?").get(world.actors.member.userId, world.orgId);
    expect(access).toBeDefined();
    // The creator can now do what an owner does.
    const members = await world.client('member')('project.member.list', { params: { id: project.id } });
    expect(members.status).toBe(200);
  });

  it('answers 409 naming the canonical name when it is taken, explicitly or derived', async () => {
    const derived = await world.client('owner')('project.create', { body: { name: 'Alpha' } });
    expect(derived.status).toBe(409);
    expect(errorOf(derived).message).toContain('"alpha"');
    const explicit = await world.client('owner')('project.create', { body: { name: 'Anything', canonicalName: 'default' } });
    expect(explicit.status).toBe(409);
    expect(errorOf(explicit).message).toContain('"default"');
  });

  it('answers 409 on the name field for a name another project of the organization has, whatever its case', async () => {
    const first = await world.client('owner')('project.create', { body: { name: 'Roadmap Review', canonicalName: 'roadmap-review-1' } });
    expect(first.status).toBe(201);
    const again = await world.client('member')('project.create', { body: { name: 'roadmap review', canonicalName: 'roadmap-review-2' } });
    expect(again.status).toBe(409);
    expect(errorOf(again)).toMatchObject({ field: 'name', message: 'Another project of this organization is already named “roadmap review”; choose another name.' });
    const renamed = await world.client('owner')('project.patch', { params: { id: world.projectId }, body: { name: 'ROADMAP REVIEW' } });
    expect(renamed.status).toBe(409);
    // Keeping its own name, or another organization using it, is no clash.
    const same = await world.client('owner')('project.patch', { params: { id: (first.body as Project).id }, body: { name: 'Roadmap Review', description: 'Quarterly' } });
    expect(same.status).toBe(200);
    expect((await world.client('stranger')('project.create', { body: { name: 'Roadmap Review' } })).status).toBe(201);
  });

  it('allows the same canonical name in another organization', async () => {
    const res = await world.client('stranger')('project.create', { body: { name: 'Alpha' } });
    expect(res.status).toBe(201);
    expect((res.body as Project).canonicalName).toBe('alpha');
  });

  it('asks for a canonical name when none can be derived', async () => {
    const res = await world.client('owner')('project.create', { body: { name: '!!!' } });
    expect(res.status).toBe(400);
    expect(errorOf(res).field).toBe('canonicalName');
  });

  it('places the project in workgroups the caller may add projects to, and refuses others', async () => {
    const owner = world.as('owner');
    const wgA = await ok<{ id: string }>(owner('POST', '/workgroups', { body: { name: 'Place A' } }), 'wg a');
    const wgB = await ok<{ id: string }>(owner('POST', '/workgroups', { body: { name: 'Place B' } }), 'wg b');
    const placed = await owner('POST', '/projects', { body: { name: 'Placed', primaryWorkgroupId: wgA.id, sharedWorkgroupIds: [wgB.id] } });
    expect(placed.status).toBe(201);
    expect((placed.body as Project).primaryWorkgroupId).toBe(wgA.id);
    expect((placed.body as Project).sharedWorkgroupIds).toEqual([wgB.id]);
    // An org member who is only a viewer of the workgroup may not add projects to it.
    await ok(owner('POST', `/workgroups/${wgA.id}/members`, { body: { userId: world.actors.member.userId, role: 'viewer' } }), 'wg viewer');
    const refused = await world.client('member')('project.create', { body: { name: 'Not here', primaryWorkgroupId: wgA.id } });
    expect(refused.status).toBe(403);
    // Not a member of the workgroup at all: it is invisible.
    const invisible = await world.client('editor')('project.create', { body: { name: 'Nor here', primaryWorkgroupId: wgB.id } });
    expect(invisible.status).toBe(404);
  });
});

describe('GET, PUT and PATCH /projects/:id', () => {
  it('reads the project', async () => {
    const res = await world.client('viewer')('project.read', { params: { id: world.projectId } });
    expect(res.status).toBe(200);
    expect((res.body as Project).canonicalName).toBe('alpha');
  });

  it('replaces every editable field with PUT and changes only the given ones with PATCH', async () => {
    const p = await freshProject(world);
    const put = await world.client('editor')('project.update', { params: { id: p.id }, body: { name: 'Put', canonicalName: 'put-here', description: 'd', metadata: { a: 1 }, defaultModelId: null, primaryWorkgroupId: null, sharedWorkgroupIds: [] } });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ name: 'Put', canonicalName: 'put-here', description: 'd', metadata: { a: 1 } });
    const patch = await world.client('editor')('project.patch', { params: { id: p.id }, body: { description: 'only this' } });
    expect(patch.status).toBe(200);
    expect(patch.body).toMatchObject({ name: 'Put', canonicalName: 'put-here', description: 'only this', metadata: { a: 1 } });
    const audit = server.server.services.db
      .prepare("SELECT action, project_id FROM audit_events WHERE resource_id = ? AND action IN ('project.update', 'project.patch') ORDER BY seq")
      .all(p.id);
    expect(audit).toEqual([
      { action: 'project.update', project_id: p.id },
      { action: 'project.patch', project_id: p.id },
    ]);
  });

  it('answers 409 when renaming to a canonical name in use, and accepts keeping its own', async () => {
    const p = await freshProject(world);
    const taken = await world.client('owner')('project.patch', { params: { id: p.id }, body: { canonicalName: 'alpha' } });
    expect(taken.status).toBe(409);
    expect(errorOf(taken).message).toContain('"alpha"');
    const same = await world.client('owner')('project.patch', { params: { id: p.id }, body: { canonicalName: p.canonicalName, name: 'Same slug' } });
    expect(same.status).toBe(200);
  });

  it('needs the right to share for moving a project between workgroups, which an editor lacks', async () => {
    const owner = world.as('owner');
    const wg = await ok<{ id: string }>(owner('POST', '/workgroups', { body: { name: 'Move target' } }), 'wg');
    const other = await ok<{ id: string }>(owner('POST', '/workgroups', { body: { name: 'Second home' } }), 'wg2');
    const p = await freshProject(world);
    const editor = await world.client('editor')('project.patch', { params: { id: p.id }, body: { primaryWorkgroupId: wg.id } });
    expect(editor.status).toBe(403);
    const moved = await owner('PATCH', `/projects/${p.id}`, { body: { primaryWorkgroupId: wg.id, sharedWorkgroupIds: [other.id] } });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ primaryWorkgroupId: wg.id, sharedWorkgroupIds: [other.id] });
    // Promoting the share to primary without resending the shares takes it out of them.
    const promoted = await owner('PATCH', `/projects/${p.id}`, { body: { primaryWorkgroupId: other.id } });
    expect(promoted.body).toMatchObject({ primaryWorkgroupId: other.id, sharedWorkgroupIds: [] });
    // Renaming alone stays an editor's right even while the project sits in a workgroup.
    const rename = await world.client('editor')('project.patch', { params: { id: p.id }, body: { name: 'Renamed by editor' } });
    expect(rename.status).toBe(200);
    const rows = server.server.services.db.prepare('SELECT workgroup_id FROM project_workgroups WHERE project_id = ?').all(p.id);
    expect(rows).toEqual([{ workgroup_id: other.id }]);
  });

  it('refuses a default model outside the project model lock with 409', async () => {
    const owner = world.as('owner');
    const register = (name: string) =>
      ok<{ id: string }>(
        owner('POST', '/model-registry', { body: { name, provider: { baseUrl: 'http://127.0.0.1:11434/v1', model: name }, visibility: { level: 'public' } } }),
        name,
      );
    const locked = await register('locked-in');
    const outside = await register('left-out');
    const p = await freshProject(world);
    await ok(
      owner('PUT', `/projects/${p.id}/config`, {
        body: { systemPromptOverride: null, modelLock: [locked.id], toolAllowlist: null, knowledgeBaseIds: [], defaultModelId: null },
      }),
      'lock',
    );
    const res = await owner('PATCH', `/projects/${p.id}`, { body: { defaultModelId: outside.id } });
    expect(res.status).toBe(409);
    const inside = await owner('PATCH', `/projects/${p.id}`, { body: { defaultModelId: locked.id } });
    expect(inside.status).toBe(200);
    expect((inside.body as Project).defaultModelId).toBe(locked.id);
  });
});

describe('DELETE /projects/:id', () => {
  it('refuses to delete the default project with 409, even for the org owner', async () => {
    const res = await world.client('owner')('project.delete', { params: { id: world.defaultProjectId } });
    expect(res.status).toBe(409);
    expect(errorOf(res).message).toMatch(/default project/i);
    const still = await world.client('owner')('project.read', { params: { id: world.defaultProjectId } });
    expect(still.status).toBe(200);
  });

  it("revokes everyone's access: the project is gone for its members and each of them is told", async () => {
    const p = await freshProject(world, [[extra, 'viewer']]);
    await ok(world.client('member')('conversation.create', { params: { id: p.id }, body: { title: 'Doomed', kind: 'shared' } }), 'conversation');
    await ok(world.client('owner')('invitation.create', { body: { email: 'later@example.test', target: { kind: 'project', projectId: p.id, role: 'viewer' } } }), 'invite');
    const db = server.server.services.db;
    const { seq } = db.prepare('SELECT MAX(seq) AS seq FROM changes').get() as { seq: number };
    const res = await world.client('owner')('project.delete', { params: { id: p.id } });
    expect(res.status).toBe(204);
    for (const role of ['editor', 'member', 'viewer'] as const) {
      expect((await world.client(role)('project.read', { params: { id: p.id } })).status).toBe(404);
    }
    const told = (
      db.prepare("SELECT user_id FROM changes WHERE seq > ? AND kind = 'access' AND org_id = ?").all(seq, world.orgId) as { user_id: string }[]
    ).map((r) => r.user_id);
    for (const actor of [world.actors.owner, world.actors.admin, world.actors.editor, world.actors.member, world.actors.viewer, extra]) {
      expect(told).toContain(actor.userId);
    }
    expect(told).not.toContain(world.actors.outsider.userId);
    const touched = db.prepare("SELECT kind FROM changes WHERE seq > ? AND entity_id = ? AND kind = 'project'").all(seq, p.id);
    expect(touched.length).toBeGreaterThan(0);
    expect(db.prepare('SELECT COUNT(*) AS n FROM conversations WHERE project_id = ?').get(p.id)).toEqual({ n: 0 });
    expect(db.prepare("SELECT status FROM invitations WHERE target_id = ?").get(p.id)).toEqual({ status: 'revoked' });
    expect(db.prepare("SELECT project_id FROM audit_events WHERE action = 'project.delete' AND resource_id = ?").get(p.id)).toEqual({ project_id: p.id });
  });
});

describe("ids of another organization's things", () => {
  const pathCalls = (id: string): Call[] => [
    { method: 'GET', path: `/projects/${id}` },
    { method: 'PUT', path: `/projects/${id}`, body: { name: 'X', canonicalName: 'x-from-here', description: '', metadata: {}, defaultModelId: null, primaryWorkgroupId: null, sharedWorkgroupIds: [] } },
    { method: 'PATCH', path: `/projects/${id}`, body: { description: 'x' } },
    { method: 'DELETE', path: `/projects/${id}` },
    { method: 'GET', path: `/projects/${id}/members` },
    { method: 'POST', path: `/projects/${id}/members`, body: { userId: world.actors.outsider.userId, role: 'viewer' } },
    { method: 'PUT', path: `/projects/${id}/members/${world.actors.stranger.userId}`, body: { role: 'viewer' } },
    { method: 'DELETE', path: `/projects/${id}/members/${world.actors.stranger.userId}` },
    { method: 'POST', path: `/projects/${id}/transfer-ownership`, body: { userId: world.actors.editor.userId } },
    { method: 'GET', path: `/projects/${id}/config` },
    { method: 'PUT', path: `/projects/${id}/config`, body: { systemPromptOverride: 'x', modelLock: null, toolAllowlist: null, knowledgeBaseIds: [], defaultModelId: null } },
    { method: 'GET', path: `/projects/${id}/conversations` },
    { method: 'POST', path: `/projects/${id}/conversations`, body: { title: 'x', kind: 'shared' } },
    { method: 'GET', path: `/projects/${id}/search?q=secret` },
    { method: 'GET', path: `/projects/${id}/export` },
  ];

  it("answers 404 to our org owner for every path naming the stranger's project, and changes nothing there", async () => {
    const db = server.server.services.db;
    const before = db.prepare('SELECT * FROM projects WHERE id = ?').get(world.strangerProjectId);
    const statuses = [];
    for (const call of pathCalls(world.strangerProjectId)) {
      const res = await world.as('owner')(call.method, call.path, call.body === undefined ? {} : { body: call.body });
      statuses.push(`${call.method} ${call.path.replace(world.strangerProjectId, ':id')} ${res.status}`);
    }
    expect(statuses.filter((s) => !s.endsWith(' 404'))).toEqual([]);
    expect(db.prepare('SELECT * FROM projects WHERE id = ?').get(world.strangerProjectId)).toEqual(before);
  });

  it('answers 404 for ids that are malformed or name another kind of thing', async () => {
    for (const id of ['nope', `usr_${'a'.repeat(20)}`, world.actors.owner.userId]) {
      expect((await world.client('owner')('project.read', { params: { id } })).status).toBe(404);
    }
  });

  it("answers 404 for the stranger's user, workgroup and model named in bodies", async () => {
    const owner = world.as('owner');
    const alpha = `/projects/${world.projectId}`;
    const bodies: Call[] = [
      { method: 'POST', path: `${alpha}/members`, body: { userId: world.actors.stranger.userId, role: 'viewer' } },
      { method: 'PUT', path: `${alpha}/members/${world.actors.stranger.userId}`, body: { role: 'viewer' } },
      { method: 'DELETE', path: `${alpha}/members/${world.actors.stranger.userId}` },
      { method: 'POST', path: `${alpha}/transfer-ownership`, body: { userId: world.actors.stranger.userId } },
      { method: 'POST', path: '/projects', body: { name: 'Into Globex', primaryWorkgroupId: strangerWorkgroupId } },
      { method: 'POST', path: '/projects', body: { name: 'Globex share', sharedWorkgroupIds: [strangerWorkgroupId] } },
      { method: 'POST', path: '/projects', body: { name: 'Globex model', defaultModelId: strangerModelId } },
      { method: 'PATCH', path: alpha, body: { primaryWorkgroupId: strangerWorkgroupId } },
      { method: 'PATCH', path: alpha, body: { defaultModelId: strangerModelId } },
      {
        method: 'PUT',
        path: `${alpha}/config`,
        body: { systemPromptOverride: null, modelLock: [strangerModelId], toolAllowlist: null, knowledgeBaseIds: [], defaultModelId: null },
      },
    ];
    for (const call of bodies) {
      const res = await owner(call.method, call.path, call.body === undefined ? {} : { body: call.body });
      expect(res.status, `${call.method} ${call.path} ${JSON.stringify(call.body)}`).toBe(404);
    }
    const db = server.server.services.db;
    expect(
      db
        .prepare('SELECT 1 FROM project_members pm JOIN projects p ON p.id = pm.project_id WHERE p.org_id = ? AND pm.user_id = ?')
        .get(world.orgId, world.actors.stranger.userId),
    ).toBeUndefined();
    expect(db.prepare('SELECT 1 FROM project_workgroups WHERE workgroup_id = ?').get(strangerWorkgroupId)).toBeUndefined();
    expect(db.prepare('SELECT 1 FROM projects WHERE org_id = ? AND name LIKE ?').get(world.orgId, '%Globex%')).toBeUndefined();
  });
});

describe('bad input', () => {
  const alpha = () => `/projects/${world.projectId}`;
  const unknownFieldCalls = (): Call[] => [
    { method: 'POST', path: '/projects', body: { name: 'Sneaky', ownerId: world.actors.member.userId } },
    { method: 'PUT', path: alpha(), body: { name: 'A', canonicalName: 'alpha', description: '', metadata: {}, defaultModelId: null, primaryWorkgroupId: null, sharedWorkgroupIds: [], isDefault: true } },
    { method: 'PATCH', path: alpha(), body: { orgId: world.strangerOrgId } },
    { method: 'POST', path: `${alpha()}/members`, body: { userId: world.actors.outsider.userId, role: 'viewer', orgRole: 'owner' } },
    { method: 'PUT', path: `${alpha()}/members/${world.actors.viewer.userId}`, body: { role: 'viewer', userId: world.actors.owner.userId } },
    { method: 'POST', path: `${alpha()}/transfer-ownership`, body: { userId: world.actors.editor.userId, force: true } },
    { method: 'PUT', path: `${alpha()}/config`, body: { systemPromptOverride: null, modelLock: null, toolAllowlist: null, knowledgeBaseIds: [], defaultModelId: null, planOverride: 'enterprise' } },
    { method: 'POST', path: `${alpha()}/conversations`, body: { title: 'x', kind: 'shared', createdBy: world.actors.viewer.userId } },
  ];

  it('answers 400 naming the unknown field on every endpoint with a body, and changes nothing', async () => {
    const db = server.server.services.db;
    const before = db.prepare('SELECT COUNT(*) AS n FROM audit_events WHERE outcome = ?').get('allowed');
    for (const call of unknownFieldCalls()) {
      const res = await world.as('owner')(call.method, call.path, { body: call.body });
      const sent = Object.keys(call.body as object);
      const unknown = sent[sent.length - 1];
      expect(res.status, `${call.method} ${call.path}`).toBe(400);
      expect(errorOf(res).field).toBe(unknown);
      expect(errorOf(res).message).toContain('unknown field');
    }
    expect(db.prepare('SELECT COUNT(*) AS n FROM audit_events WHERE outcome = ?').get('allowed')).toEqual(before);
  });

  it('answers 400 naming an unknown query parameter', async () => {
    const res = await world.as('owner')('GET', `${alpha()}/search?q=x&all=1`);
    expect(res.status).toBe(400);
    expect(errorOf(res).field).toBe('all');
  });

  it('answers 400 for missing fields, wrong types, malformed JSON and an empty query', async () => {
    const owner = world.as('owner');
    const missing = await owner('POST', '/projects', { body: {} });
    expect([missing.status, errorOf(missing).field]).toEqual([400, 'name']);
    expect(errorOf(missing).message).toBe('Name is required');
    const tooLong = await owner('POST', '/projects', { body: { name: 'x'.repeat(101) } });
    expect([tooLong.status, errorOf(tooLong).message]).toEqual([400, 'Name must have at most 100 characters']);
    const wrongType = await owner('POST', `${alpha()}/members`, { body: { userId: world.actors.outsider.userId, role: 'admin' } });
    expect([wrongType.status, errorOf(wrongType).field]).toEqual([400, 'role']);
    const badSlug = await owner('PATCH', alpha(), { body: { canonicalName: 'Not A Slug' } });
    expect([badSlug.status, errorOf(badSlug).field]).toEqual([400, 'canonicalName']);
    const primaryShared = await owner('POST', '/projects', { body: { name: 'Twice', primaryWorkgroupId: `wg_${'a'.repeat(20)}`, sharedWorkgroupIds: [`wg_${'a'.repeat(20)}`] } });
    expect([primaryShared.status, errorOf(primaryShared).field]).toEqual([400, 'sharedWorkgroupIds.0']);
    const malformed = await owner('POST', '/projects', { raw: '{"name": ' });
    expect(malformed.status).toBe(400);
    const emptyQuery = await owner('GET', `${alpha()}/search?q=%20`);
    expect([emptyQuery.status, errorOf(emptyQuery).field]).toEqual([400, 'q']);
    const noToken = await server.request('GET', '/projects');
    expect(noToken.status).toBe(401);
  });
});
