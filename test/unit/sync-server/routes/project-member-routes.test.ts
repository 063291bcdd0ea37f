import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProjectMember } from '../../../../shared/rest/project-member-view';
import { errorOf, freshProject, joinOrg, ok } from '../support/project-fixtures';
import { startTestServer } from '../support/test-server';
import type { TestServer } from '../support/test-server';
import { createWorld } from '../support/world';
import type { Actor, World } from '../support/world';

let server: TestServer;
let world: World;
let extra: Actor;

beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server);
  extra = await joinOrg(world, 'extra');
});

afterAll(async () => {
  await server.dispose();
});

async function members(projectId: string, as: Parameters<World['as']>[0] = 'owner'): Promise<ProjectMember[]> {
  return (await ok<{ items: ProjectMember[] }>(world.client(as)('project.member.list', { params: { id: projectId } }), 'members')).items;
}

function memberOf(list: readonly ProjectMember[], actor: Actor): ProjectMember | undefined {
  return list.find((m) => m.userId === actor.userId);
}

describe('GET /projects/:id/members', () => {
  it('lists direct members with their direct and effective roles and where the role comes from', async () => {
    const list = await members(world.projectId, 'viewer');
    expect(list.map((m) => m.userId).sort()).toEqual(
      [world.actors.owner, world.actors.editor, world.actors.member, world.actors.viewer].map((a) => a.userId).sort(),
    );
    expect(memberOf(list, world.actors.editor)).toMatchObject({ directRole: 'editor', role: 'editor', sources: [{ kind: 'direct' }], email: 'editor@example.test' });
    // The org owner is a direct owner and an owner through the organization: both sources tie.
    expect(memberOf(list, world.actors.owner)).toMatchObject({
      directRole: 'owner',
      role: 'owner',
      sources: [{ kind: 'direct' }, { kind: 'org', orgRole: 'owner' }],
    });
    expect(memberOf(list, world.actors.outsider)).toBeUndefined();
  });

  it('includes members through a workgroup holding the project, marked with that workgroup', async () => {
    const owner = world.client('owner');
    const wg = await ok<{ id: string }>(owner('workgroup.create', { body: { name: 'Research' } }), 'wg');
    const p = await freshProject(world);
    await ok(owner('project.patch', { params: { id: p.id }, body: { primaryWorkgroupId: wg.id } }), 'place');
    await ok(owner('workgroup.member.upsert', { params: { id: wg.id }, body: { userId: extra.userId, role: 'editor' } }), 'wg editor');
    await ok(owner('workgroup.member.upsert', { params: { id: wg.id }, body: { userId: world.actors.viewer.userId, role: 'editor' } }), 'wg editor 2');
    const list = await members(p.id);
    expect(memberOf(list, extra)).toMatchObject({
      directRole: null,
      joinedAt: null,
      role: 'editor',
      sources: [{ kind: 'workgroup', workgroupId: wg.id }],
    });
    // The viewer's direct role is lower than the workgroup's: the effective role says editor, via the workgroup.
    expect(memberOf(list, world.actors.viewer)).toMatchObject({
      directRole: 'viewer',
      role: 'editor',
      sources: [{ kind: 'workgroup', workgroupId: wg.id }],
      grants: [
        { role: 'viewer', source: { kind: 'direct' } },
        { role: 'editor', source: { kind: 'workgroup', workgroupId: wg.id } },
      ],
    });
    // And the workgroup-derived role is a real one: extra may change the project.
    const patch = await world.client(extra)('project.patch', { params: { id: p.id }, body: { description: 'by a workgroup editor' } });
    expect(patch.status).toBe(200);
  });
});

describe('POST /projects/:id/members', () => {
  it('adds an org member, and adding them again updates the role instead of duplicating them', async () => {
    const p = await freshProject(world);
    const db = server.server.services.db;
    const first = await world.client('owner')('project.member.add', { params: { id: p.id }, body: { userId: extra.userId, role: 'viewer' } });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ userId: extra.userId, directRole: 'viewer', role: 'viewer' });
    expect((await world.client(extra)('project.read', { params: { id: p.id } })).status).toBe(200);
    const second = await world.client('owner')('project.member.add', { params: { id: p.id }, body: { userId: extra.userId, role: 'editor' } });
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ userId: extra.userId, directRole: 'editor', role: 'editor' });
    const rows = db.prepare('SELECT role FROM project_members WHERE project_id = ? AND user_id = ?').all(p.id, extra.userId);
    expect(rows).toEqual([{ role: 'editor' }]);
    const audit = db
      .prepare("SELECT detail, project_id FROM audit_events WHERE action = 'project.member.add' AND resource_id = ? AND project_id = ? ORDER BY seq")
      .all(extra.userId, p.id) as { detail: string; project_id: string }[];
    expect(audit.map((a) => JSON.parse(a.detail) as { outcome: string }).map((d) => d.outcome)).toEqual(['added', 'updated']);
    const access = db.prepare("SELECT COUNT(*) AS n FROM changes WHERE kind = 'access' AND user_id = ?").get(extra.userId) as { n: number };
    expect(access.n).toBeGreaterThanOrEqual(2);
  });

  it('answers 404 for someone who is not in the organization', async () => {
    const p = await freshProject(world);
    const res = await world.client('owner')('project.member.add', { params: { id: p.id }, body: { userId: world.actors.stranger.userId, role: 'viewer' } });
    expect(res.status).toBe(404);
    const unknown = await world.client('owner')('project.member.add', { params: { id: p.id }, body: { userId: `usr_${'0'.repeat(20)}`, role: 'viewer' } });
    expect(unknown.status).toBe(404);
  });
});

describe('PUT and DELETE /projects/:id/members/:uid', () => {
  it("changes a direct member's role, and answers 404 for someone without a direct role", async () => {
    const p = await freshProject(world);
    const res = await world.client('owner')('project.member.update', { params: { id: p.id, uid: world.actors.viewer.userId }, body: { role: 'member' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ directRole: 'member' });
    expect((await world.client('viewer')('conversation.create', { params: { id: p.id }, body: { title: 'now I can' } })).status).toBe(201);
    const notMember = await world.client('owner')('project.member.update', { params: { id: p.id, uid: world.actors.outsider.userId }, body: { role: 'viewer' } });
    expect(notMember.status).toBe(404);
    expect((await world.client('outsider')('project.read', { params: { id: p.id } })).status).toBe(404);
  });

  it('removes a member, who then loses access and is told so', async () => {
    const p = await freshProject(world);
    const db = server.server.services.db;
    const { seq } = db.prepare('SELECT MAX(seq) AS seq FROM changes').get() as { seq: number };
    const res = await world.client('owner')('project.member.remove', { params: { id: p.id, uid: world.actors.member.userId } });
    expect(res.status).toBe(204);
    expect((await world.client('member')('project.read', { params: { id: p.id } })).status).toBe(404);
    expect(db.prepare("SELECT 1 FROM changes WHERE seq > ? AND kind = 'access' AND user_id = ?").get(seq, world.actors.member.userId)).toBeDefined();
    const again = await world.client('owner')('project.member.remove', { params: { id: p.id, uid: world.actors.member.userId } });
    expect(again.status).toBe(404);
  });

  it('lets a member leave, recorded as leaving', async () => {
    const p = await freshProject(world);
    const res = await world.client('viewer')('project.member.remove', { params: { id: p.id, uid: world.actors.viewer.userId } });
    expect(res.status).toBe(204);
    const audit = server.server.services.db
      .prepare("SELECT action FROM audit_events WHERE project_id = ? AND resource_id = ? AND outcome = 'allowed' ORDER BY seq DESC")
      .get(p.id, world.actors.viewer.userId);
    expect(audit).toEqual({ action: 'project.leave' });
  });
});

describe('the last owner and ownership transfer', () => {
  it('keeps the last direct owner from being demoted or removed, until ownership is transferred', async () => {
    const p = await freshProject(world);
    const owner = world.client('owner');
    const ownerId = world.actors.owner.userId;

    const demote = await owner('project.member.update', { params: { id: p.id, uid: ownerId }, body: { role: 'editor' } });
    expect(demote.status).toBe(409);
    expect(errorOf(demote).message).toMatch(/transfer ownership first/);
    const demoteByUpsert = await owner('project.member.add', { params: { id: p.id }, body: { userId: ownerId, role: 'viewer' } });
    expect(demoteByUpsert.status).toBe(409);
    const leave = await owner('project.member.remove', { params: { id: p.id, uid: ownerId } });
    expect(leave.status).toBe(409);
    expect(errorOf(leave).message).toMatch(/transfer ownership first/);
    // Not even an org admin can remove the last direct owner.
    const removeByAdmin = await world.client('admin')('project.member.remove', { params: { id: p.id, uid: ownerId } });
    expect(removeByAdmin.status).toBe(409);

    const transfer = await owner('project.ownership.transfer', { params: { id: p.id }, body: { userId: world.actors.editor.userId, demoteSelfTo: 'editor' } });
    expect(transfer.status).toBe(200);
    const list = (transfer.body as { items: ProjectMember[] }).items;
    expect(memberOf(list, world.actors.editor)?.directRole).toBe('owner');
    expect(memberOf(list, world.actors.owner)?.directRole).toBe('editor');
    // Still an owner through the organization, so the effective role says so and why.
    expect(memberOf(list, world.actors.owner)).toMatchObject({ role: 'owner', sources: [{ kind: 'org', orgRole: 'owner' }] });

    expect((await owner('project.member.remove', { params: { id: p.id, uid: ownerId } })).status).toBe(204);
    const newOwnerLeaves = await world.client('editor')('project.member.remove', { params: { id: p.id, uid: world.actors.editor.userId } });
    expect(newOwnerLeaves.status).toBe(409);
    const audit = server.server.services.db
      .prepare("SELECT resource_id FROM audit_events WHERE action = 'project.ownership.transfer' AND project_id = ?")
      .all(p.id);
    expect(audit).toEqual([{ resource_id: world.actors.editor.userId }]);
  });

  it('allows demoting an owner while another direct owner remains', async () => {
    const p = await freshProject(world, [[extra, 'owner']]);
    const res = await world.client('owner')('project.member.update', { params: { id: p.id, uid: extra.userId }, body: { role: 'viewer' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ directRole: 'viewer' });
  });

  it('transfers to someone not yet a member by adding them, without giving anything up by default', async () => {
    const p = await freshProject(world);
    const res = await world.client('owner')('project.ownership.transfer', { params: { id: p.id }, body: { userId: extra.userId } });
    expect(res.status).toBe(200);
    const list = (res.body as { items: ProjectMember[] }).items;
    expect(memberOf(list, extra)?.directRole).toBe('owner');
    expect(memberOf(list, world.actors.owner)?.directRole).toBe('owner');
  });

  it('refuses a transfer to oneself, and demoteSelfTo from someone without a direct role', async () => {
    const p = await freshProject(world);
    const self = await world.client('owner')('project.ownership.transfer', { params: { id: p.id }, body: { userId: world.actors.owner.userId } });
    expect([self.status, errorOf(self).field]).toEqual([400, 'userId']);
    const admin = await world.client('admin')('project.ownership.transfer', { params: { id: p.id }, body: { userId: extra.userId, demoteSelfTo: 'viewer' } });
    expect([admin.status, errorOf(admin).field]).toEqual([400, 'demoteSelfTo']);
    const toOwner = await world.as('owner')('POST', `/projects/${p.id}/transfer-ownership`, { body: { userId: extra.userId, demoteSelfTo: 'owner' } });
    expect([toOwner.status, errorOf(toOwner).field]).toEqual([400, 'demoteSelfTo']);
    // Nothing was half-done by the refused calls.
    expect(memberOf(await members(p.id), extra)).toBeUndefined();
  });
});
