import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InvitationCreated } from '../../../../shared/domain/invitation';
import type { Project } from '../../../../shared/domain/project';
import type { Workgroup } from '../../../../shared/domain/workgroup';
import type { AuthSession, InvitationAccepted } from '../../../../shared/rest/auth-endpoints';
import type { ProjectMember } from '../../../../shared/rest/project-member-view';
import { sha256Hex } from '../../../../sync-server/auth/secrets';
import { errorOf, joinOrg, ok } from '../support/project-fixtures';
import { startTestServer } from '../support/test-server';
import type { ApiResponse, TestServer } from '../support/test-server';
import { createWorld, invite, password, signup } from '../support/world';
import type { Actor, World } from '../support/world';

/*
 * Invitations are the same membership change as the direct endpoints, decided when they are
 * accepted with their sender's rights as they are then, and they carry a one-time secret: these
 * are the side doors an outside test walked through, each closed.
 */

let server: TestServer;
let world: World;
let counter = 0;

beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server);
});
afterAll(async () => {
  await server.dispose();
});

const db = () => server.server.services.db;
const next = (name: string) => `${name}-${++counter}`;

async function created(res: Promise<ApiResponse>): Promise<InvitationCreated> {
  return ok<InvitationCreated>(res, 'invitation');
}

function inviteAs(actor: Actor, name: string, target: unknown): Promise<ApiResponse> {
  return server.request('POST', '/auth/invitations', { token: actor.token, body: { email: `${name}@example.test`, target } });
}

function accept(actor: Actor, code: string): Promise<ApiResponse> {
  return server.request('POST', '/auth/invitations/accept', { token: actor.token, body: { code } });
}

function orgIdsOf(session: AuthSession): string[] {
  return session.organizations.map((org) => org.id);
}

async function membersOf(projectId: string): Promise<ProjectMember[]> {
  return (await ok<{ items: ProjectMember[] }>(world.client('owner')('project.member.list', { params: { id: projectId } }), 'members')).items;
}

async function projectOwnedBy(actor: Actor, name: string): Promise<Project> {
  const project = await ok<Project>(world.client('owner')('project.create', { body: { name } }), 'project');
  await ok(world.client('owner')('project.member.add', { params: { id: project.id }, body: { userId: actor.userId, role: 'owner' } }), 'owner');
  return project;
}

const statusOf = (id: string) => (db().prepare('SELECT status FROM invitations WHERE id = ?').get(id) as { status: string }).status;

describe('the one-time secret', () => {
  it('is shown once as a code and a link, stored only as a hash, and listed nowhere', async () => {
    const name = next('once');
    const invitation = await created(world.client('owner')('invitation.create', { body: { email: `${name}@example.test`, target: { kind: 'organization', role: 'member' } } }));
    expect(invitation.code).toMatch(/^qi_[A-Za-z0-9_-]{43}$/);
    expect(invitation.link).toBe(`quorum://invite/${invitation.code}`);
    const stored = db().prepare('SELECT * FROM invitations WHERE id = ?').get(invitation.id) as Record<string, unknown>;
    expect(stored['secret_hash']).toBe(sha256Hex(invitation.code));
    expect(JSON.stringify(stored)).not.toContain(invitation.code);
    const listed = await world.client('owner')('invitation.list');
    expect(JSON.stringify(listed.body)).not.toContain(invitation.code);
    expect(JSON.stringify((await world.client('owner')('change.list')).body)).not.toContain(invitation.code);
  });

  it('is needed: whoever signs up first with an invited email without it gets nothing, and the invitation waits', async () => {
    const name = next('squatted');
    const invitation = await created(inviteAs(world.actors.owner, name, { kind: 'organization', role: 'admin' }));
    const squatter = await signup(server, name);
    expect(orgIdsOf(squatter.session)).not.toContain(world.orgId);
    const again = await server.request<AuthSession>('POST', '/auth/login', { body: { email: squatter.actor.email, password } });
    expect(orgIdsOf(again.body)).not.toContain(world.orgId);
    expect(statusOf(invitation.id)).toBe('pending');
  });

  it('joins at sign-up with the code, in either form, and works once', async () => {
    const name = next('linked');
    const invitation = await created(inviteAs(world.actors.owner, name, { kind: 'project', projectId: world.projectId, role: 'editor' }));
    const { actor, session } = await signup(server, name, undefined, invitation.link);
    expect(orgIdsOf(session)).toContain(world.orgId);
    expect((await membersOf(world.projectId)).find((m) => m.userId === actor.userId)?.directRole).toBe('editor');
    expect(statusOf(invitation.id)).toBe('accepted');
    const twice = await accept(actor, invitation.code);
    expect(twice.status).toBe(404);
  });

  it('lets an existing account accept at sign-in with the code, or by the accept endpoint, but not without it', async () => {
    const existing = (await signup(server, next('existing'), 'Elsewhere Co')).actor;
    const name = existing.name;
    const first = await created(inviteAs(world.actors.owner, name, { kind: 'organization', role: 'member' }));
    const plain = await server.request<AuthSession>('POST', '/auth/login', { body: { email: existing.email, password } });
    expect(orgIdsOf(plain.body)).not.toContain(world.orgId);
    const withCode = await server.request<AuthSession>('POST', '/auth/login', { body: { email: existing.email, password, invitationCode: first.code, orgId: world.orgId } });
    expect(withCode.status, JSON.stringify(withCode.body)).toBe(200);
    expect(withCode.body.organization.id).toBe(world.orgId);

    const second = await created(inviteAs(world.actors.owner, name, { kind: 'project', projectId: world.projectId, role: 'viewer' }));
    const accepted = await accept({ ...existing, token: plain.body.token }, second.code);
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect((accepted.body as InvitationAccepted).organization).toEqual({ id: world.orgId, name: 'Acme', role: 'member' });
    expect((accepted.body as InvitationAccepted).invitation.status).toBe('accepted');
  });

  it('is for the email it was sent to: another account holding the code cannot use it', async () => {
    const invitation = await created(inviteAs(world.actors.owner, next('addressee'), { kind: 'organization', role: 'admin' }));
    const thief = (await signup(server, next('thief'), 'Thieves')).actor;
    const res = await accept(thief, invitation.code);
    expect(res.status).toBe(403);
    expect(errorOf(res).message).toMatch(/another email/);
    expect(statusOf(invitation.id)).toBe('pending');
    expect((await accept(thief, `qi_${'A'.repeat(43)}`)).status).toBe(404);
  });
});

describe('accepting is the same membership change as the direct endpoints', () => {
  it('lets a project owner who is only an org member invite no one new into the organization', async () => {
    const project = await projectOwnedBy(world.actors.outsider, next('Outsider project'));
    const res = await inviteAs(world.actors.outsider, next('friend'), { kind: 'project', projectId: project.id, role: 'editor' });
    expect(res.status, JSON.stringify(res.body)).toBe(403);
    expect(errorOf(res).message).toMatch(/admins and owners/);
    // Someone already in the organization they may add, as the direct endpoint allows.
    const colleague = await joinOrg(world, next('colleague'));
    const allowed = await created(inviteAs(world.actors.outsider, colleague.name, { kind: 'project', projectId: project.id, role: 'viewer' }));
    expect((await accept(colleague, allowed.code)).status).toBe(200);
  });

  it("decides with the sender's rights at acceptance: an admin demoted since then admits no one", async () => {
    const formerAdmin = await joinOrg(world, next('former-admin'));
    await ok(world.client('owner')('org.member.update-role', { params: { id: world.orgId, uid: formerAdmin.userId }, body: { role: 'admin' } }), 'promote');
    const name = next('late');
    const invitation = await created(inviteAs(formerAdmin, name, { kind: 'project', projectId: world.projectId, role: 'viewer' }));
    await ok(world.client('owner')('org.member.update-role', { params: { id: world.orgId, uid: formerAdmin.userId }, body: { role: 'member' } }), 'demote');
    const { actor, session } = await signup(server, name, undefined, invitation.code);
    expect(orgIdsOf(session)).not.toContain(world.orgId);
    const res = await accept(actor, invitation.code);
    expect(res.status).toBe(403);
    expect(errorOf(res).message).toMatch(/no longer holds/);
    expect(statusOf(invitation.id)).toBe('pending');
  });

  it('never lowers a role: the last owner of a project or a workgroup stays its owner', async () => {
    const lead = await joinOrg(world, next('lead'));
    const project = await projectOwnedBy(lead, next('Led project'));
    const workgroup = await ok<Workgroup>(world.client('owner')('workgroup.create', { body: { name: next('Led workgroup') } }), 'workgroup');
    await ok(world.client('owner')('workgroup.member.upsert', { params: { id: workgroup.id }, body: { userId: lead.userId, role: 'owner' } }), 'workgroup owner');
    await ok(world.client('owner')('project.member.remove', { params: { id: project.id, uid: world.actors.owner.userId } }), 'the creator steps out');
    for (const target of [
      { kind: 'project', projectId: project.id, role: 'viewer' },
      { kind: 'workgroup', workgroupId: workgroup.id, role: 'viewer' },
    ]) {
      const invitation = await created(inviteAs(world.actors.owner, lead.name, target));
      const login = await server.request('POST', '/auth/login', { body: { email: lead.email, password, invitationCode: invitation.code } });
      expect(login.status).toBe(200);
      const res = await accept(lead, invitation.code);
      expect(res.status, JSON.stringify(res.body)).toBe(409);
      expect(errorOf(res).message).toBe(`You are already an owner of this ${target.kind}, and an invitation never lowers a role`);
    }
    expect((await membersOf(project.id)).find((m) => m.userId === lead.userId)?.directRole).toBe('owner');
    const workgroupMembers = await ok<{ items: { user: { id: string }; role: string }[] }>(world.client('owner')('workgroup.member.list', { params: { id: workgroup.id } }), 'wg members');
    expect(workgroupMembers.items.find((m) => m.user.id === lead.userId)?.role).toBe('owner');
  });
});

describe('members per project', () => {
  it('counts invitations: a free organization keeps two members in a project however they come', async () => {
    const { actor: boss, session } = await signup(server, next('frugal'), 'Frugal Co');
    server.server.services.db.prepare("UPDATE organizations SET plan = 'free' WHERE id = ?").run(session.organization.id);
    // The default project, the only one a free plan has, starts with no direct member.
    const project = (await ok<{ items: Project[] }>(server.request('GET', '/projects', { token: boss.token }), 'projects')).items[0]!;
    const target = { kind: 'project', projectId: project.id, role: 'member' };
    const [first, second, third] = [await created(inviteAs(boss, next('first'), target)), await created(inviteAs(boss, next('second'), target)), await created(inviteAs(boss, next('third'), target))];
    for (const invitation of [first, second]) {
      const joined = await signup(server, invitation.email.split('@')[0]!, undefined, invitation.code);
      expect(orgIdsOf(joined.session)).toContain(session.organization.id);
    }
    const refused = await signup(server, third.email.split('@')[0]!, undefined, third.code);
    expect(orgIdsOf(refused.session)).not.toContain(session.organization.id);
    const res = await accept(refused.actor, third.code);
    expect(res.status).toBe(402);
    expect(errorOf(res).message).toMatch(/free plan allows 2 members per project/);
    const members = await ok<{ items: ProjectMember[] }>(server.request('GET', `/projects/${project.id}/members`, { token: boss.token }), 'members');
    expect(members.items).toHaveLength(2);
  });

  it('counts the members who come through workgroups, on every path into the project', async () => {
    const { actor: boss, session } = await signup(server, next('standard'), 'Standard Co');
    const orgId = session.organization.id;
    server.server.services.db.prepare("UPDATE organizations SET plan = 'standard' WHERE id = ?").run(orgId);
    const as = (method: string, path: string, body?: unknown) => server.request(method, path, { token: boss.token, ...(body === undefined ? {} : { body }) });
    const workgroup = await ok<Workgroup>(as('POST', '/workgroups', { name: 'Crowd' }), 'workgroup');
    const project = await ok<Project>(as('POST', '/projects', { name: 'Crowded', primaryWorkgroupId: workgroup.id }), 'project');
    // The boss owns the project directly; nine people hold a role through the workgroup: ten in all.
    const people: Actor[] = [];
    for (let i = 0; i < 10; i += 1) {
      const code = await invite(server, boss.token, next('crowd'), { kind: 'organization', role: 'member' });
      people.push((await signup(server, `crowd-${counter}`, undefined, code)).actor);
    }
    for (const person of people.slice(0, 9)) await ok(as('POST', `/workgroups/${workgroup.id}/members`, { userId: person.userId, role: 'viewer' }), 'crowd');
    const eleventh = people[9]!;
    const direct = await as('POST', `/projects/${project.id}/members`, { userId: eleventh.userId, role: 'viewer' });
    expect(direct.status, JSON.stringify(direct.body)).toBe(402);
    const throughWorkgroup = await as('POST', `/workgroups/${workgroup.id}/members`, { userId: eleventh.userId, role: 'viewer' });
    expect(throughWorkgroup.status).toBe(402);
    const invitation = await created(inviteAs(boss, eleventh.name, { kind: 'project', projectId: project.id, role: 'viewer' }));
    expect((await accept(eleventh, invitation.code)).status).toBe(402);
    // Someone already counted changes role freely.
    expect((await as('POST', `/projects/${project.id}/members`, { userId: people[0]!.userId, role: 'editor' })).status).toBe(200);
  });
});

describe('stale invitations', () => {
  it('are cancelled when their addressee or their sender leaves the organization, and their codes stop working', async () => {
    const sender = await joinOrg(world, next('sender'));
    await ok(world.client('owner')('org.member.update-role', { params: { id: world.orgId, uid: sender.userId }, body: { role: 'admin' } }), 'promote');
    const fromSender = await created(inviteAs(sender, next('friend-of-sender'), { kind: 'organization', role: 'member' }));
    const removed = await joinOrg(world, next('removed'));
    const toRemoved = await created(inviteAs(world.actors.owner, removed.name, { kind: 'project', projectId: world.projectId, role: 'editor' }));

    expect((await world.client('admin')('org.member.remove', { params: { id: world.orgId, uid: removed.userId } })).status).toBe(204);
    expect(statusOf(toRemoved.id)).toBe('revoked');
    const back = await server.request<AuthSession>('POST', '/auth/login', { body: { email: removed.email, password, invitationCode: toRemoved.code } });
    expect(orgIdsOf(back.body)).not.toContain(world.orgId);

    expect((await world.client('owner')('org.member.remove', { params: { id: world.orgId, uid: sender.userId } })).status).toBe(204);
    expect(statusOf(fromSender.id)).toBe('revoked');
    const { session } = await signup(server, fromSender.email.split('@')[0]!, undefined, fromSender.code);
    expect(orgIdsOf(session)).not.toContain(world.orgId);
  });

  it('to and from a project are cancelled when that person is taken out of the project', async () => {
    const lead = await joinOrg(world, next('project-lead'));
    const project = await projectOwnedBy(lead, next('Short-lived'));
    const invitee = await joinOrg(world, next('invitee'));
    const fromLead = await created(inviteAs(lead, invitee.name, { kind: 'project', projectId: project.id, role: 'viewer' }));
    const toLead = await created(inviteAs(world.actors.owner, lead.name, { kind: 'project', projectId: project.id, role: 'owner' }));
    const elsewhere = await created(inviteAs(lead, invitee.name, { kind: 'project', projectId: (await projectOwnedBy(lead, next('Kept'))).id, role: 'viewer' }));
    expect((await world.client('owner')('project.member.remove', { params: { id: project.id, uid: lead.userId } })).status).toBe(204);
    expect([statusOf(fromLead.id), statusOf(toLead.id), statusOf(elsewhere.id)]).toEqual(['revoked', 'revoked', 'pending']);
    expect((await accept(invitee, fromLead.code)).status).toBe(404);
  });
});

describe('a second invitation of the same person to the same place', () => {
  it('merges into the pending one: one invitation listed, the newer role, and only the newest link works', async () => {
    const name = next('twice');
    const target = { kind: 'project', projectId: world.projectId, role: 'viewer' };
    const first = await created(inviteAs(world.actors.owner, name, target));
    expect(first.replacedEarlier).toBe(false);
    const second = await created(inviteAs(world.actors.admin, name.toUpperCase(), { ...target, role: 'editor' }));
    expect(second).toMatchObject({ id: first.id, replacedEarlier: true, target: { role: 'editor' }, invitedBy: world.actors.admin.userId });
    const listed = (await ok<{ items: { id: string; email: string }[] }>(world.client('owner')('invitation.list'), 'list')).items;
    expect(listed.filter((i) => i.email === `${name}@example.test`)).toHaveLength(1);
    // Elsewhere is another invitation.
    const organization = await created(inviteAs(world.actors.owner, name, { kind: 'organization', role: 'member' }));
    expect(organization.id).not.toBe(first.id);

    const { actor } = await signup(server, name);
    expect((await accept(actor, first.code)).status).toBe(404);
    expect((await accept(actor, second.code)).status).toBe(200);
    expect((await membersOf(world.projectId)).find((m) => m.userId === actor.userId)?.role).toBe('editor');
  });
});

describe('sign-up', () => {
  it('answers the same whether or not the email has an account, and never changes the existing one', async () => {
    const name = next('taken');
    const { actor } = await signup(server, name);
    const fresh = await server.request('POST', '/auth/signup', { body: { email: `${next('free')}@example.test`, password, displayName: 'Free' } });
    const taken = await server.request('POST', '/auth/signup', { body: { email: actor.email.toUpperCase(), password: 'another password entirely', displayName: 'Impostor' } });
    expect(taken.status).toBe(fresh.status);
    expect(taken.body).toEqual(fresh.body);
    expect(fresh.status).toBe(202);
    expect((await server.request('POST', '/auth/login', { body: { email: actor.email, password } })).status).toBe(200);
    expect((await server.request('POST', '/auth/login', { body: { email: actor.email, password: 'another password entirely' } })).status).toBe(401);
    const user = db().prepare('SELECT display_name FROM users WHERE id = ?').get(actor.userId) as { display_name: string };
    expect(user.display_name).toBe(name);
  });
});
