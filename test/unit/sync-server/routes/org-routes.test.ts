import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiKeyMinted } from '../../../../shared/domain/api-key';
import type { Organization } from '../../../../shared/domain/organization';
import type { Workgroup } from '../../../../shared/domain/workgroup';
import type { Whoami } from '../../../../shared/rest/auth-endpoints';
import type { OrgMember } from '../../../../shared/rest/org-endpoints';
import type { ApiResponse, TestServer } from '../support/test-server';
import { startTestServer } from '../support/test-server';
import type { Actor, World, WorldRole } from '../support/world';
import { createWorld, inviteAndJoin, password, signup, worldRoles } from '../support/world';

type ErrorBody = { error: { code: string; message: string; field?: string } };
type Expected = Readonly<Record<WorldRole, number>>;

let server: TestServer;
let world: World;
let counter = 0;

async function ok<T>(response: Promise<ApiResponse<unknown>>, what: string): Promise<T> {
  const r = await response;
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as T;
}

const owner = () => world.as('owner');
const orgPath = () => `/orgs/${world.orgId}`;

async function organization(): Promise<Organization> {
  return ok<Organization>(owner()('GET', orgPath()), 'read organization');
}

/** A fresh service account with the member role: a target that no call of another actor has touched. */
async function newServiceAccount(role = 'member'): Promise<OrgMember> {
  return ok<OrgMember>(
    owner()('POST', `${orgPath()}/members`, { body: { serviceAccount: { displayName: `Bot ${++counter}` }, role } }),
    'create service account',
  );
}

/** A person who joins the world's organization through an invitation. */
async function joinOrg(prefix: string, target: unknown = { kind: 'organization', role: 'member' }): Promise<Actor> {
  const name = `${prefix}-${++counter}`;
  const { actor, session } = await inviteAndJoin(server, world.actors.owner.token, name, target);
  if (session.organization.id !== world.orgId) throw new Error(`${name} did not join the organization`);
  return actor;
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
});

afterAll(async () => {
  await server.dispose();
});

interface Call {
  readonly method: string;
  readonly path: string;
  readonly body?: unknown;
  /** Puts back what a successful call changed, so the next actor finds the same state. */
  readonly restore?: () => Promise<void>;
}

const restorePlan = async () => {
  const org = await organization();
  await ok(owner()('PUT', orgPath(), { body: { name: org.name, slug: org.slug, plan: 'enterprise' } }), 'restore plan');
};

const calls: Record<string, () => Promise<Call>> = {
  'org.read': async () => ({ method: 'GET', path: orgPath() }),
  'org.update (name)': async () => {
    const org = await organization();
    return { method: 'PUT', path: orgPath(), body: { name: `Acme ${++counter}`, slug: org.slug, plan: org.plan } };
  },
  'org.update (plan)': async () => {
    const org = await organization();
    return { method: 'PUT', path: orgPath(), body: { name: org.name, slug: org.slug, plan: 'professional' }, restore: restorePlan };
  },
  'org.member.list': async () => ({ method: 'GET', path: `${orgPath()}/members` }),
  'org.member.upsert (role)': async () => ({
    method: 'POST',
    path: `${orgPath()}/members`,
    body: { userId: (await newServiceAccount()).user.id, role: 'admin' },
  }),
  'org.member.upsert (service account)': async () => ({
    method: 'POST',
    path: `${orgPath()}/members`,
    body: { serviceAccount: { displayName: `Robot ${++counter}` }, role: 'member' },
  }),
  'org.member.update-role': async () => ({
    method: 'PUT',
    path: `${orgPath()}/members/${(await newServiceAccount()).user.id}`,
    body: { role: 'admin' },
  }),
  'org.member.remove': async () => ({ method: 'DELETE', path: `${orgPath()}/members/${(await newServiceAccount()).user.id}` }),
};

// owner and admin: org roles; editor, member, viewer, outsider: org members (their project roles do
// not matter here); stranger: owner of another organization, always calling with this one's id.
const expectations: [string, Expected][] = [
  ['org.read', { owner: 200, admin: 200, editor: 200, member: 200, viewer: 200, outsider: 200, stranger: 404 }],
  ['org.update (name)', { owner: 200, admin: 200, editor: 403, member: 403, viewer: 403, outsider: 403, stranger: 404 }],
  ['org.update (plan)', { owner: 200, admin: 403, editor: 403, member: 403, viewer: 403, outsider: 403, stranger: 404 }],
  ['org.member.list', { owner: 200, admin: 200, editor: 200, member: 200, viewer: 200, outsider: 200, stranger: 404 }],
  ['org.member.upsert (role)', { owner: 200, admin: 200, editor: 403, member: 403, viewer: 403, outsider: 403, stranger: 404 }],
  ['org.member.upsert (service account)', { owner: 200, admin: 200, editor: 403, member: 403, viewer: 403, outsider: 403, stranger: 404 }],
  ['org.member.update-role', { owner: 200, admin: 200, editor: 403, member: 403, viewer: 403, outsider: 403, stranger: 404 }],
  ['org.member.remove', { owner: 204, admin: 204, editor: 403, member: 403, viewer: 403, outsider: 403, stranger: 404 }],
];

describe('organization endpoints by role', () => {
  const cases = expectations.flatMap(([name, expected]) => worldRoles.map((role) => [name, role, expected[role]] as const));
  it.each(cases)('%s as %s answers %i', async (name, role, status) => {
    const call = calls[name];
    if (call === undefined) throw new Error(`no call for ${name}`);
    const { method, path, body, restore } = await call();
    const response = await world.as(role)(method, path, body === undefined ? {} : { body });
    expect(response.status, JSON.stringify(response.body)).toBe(status);
    if (status >= 400) expect((response.body as ErrorBody).error.code).toBeTruthy();
    if (response.status < 300) await restore?.();
  });
});

describe('organization', () => {
  it('answers only for the caller’s own organization', async () => {
    const org = (await owner()('GET', orgPath())).body as Organization;
    expect(org).toMatchObject({ id: world.orgId, name: expect.any(String), plan: 'enterprise' });
    const theirs = (await world.client('stranger')('org.read', { params: { id: world.strangerOrgId } })).body as Organization;
    const probes: [string, string, unknown?][] = [
      ['GET', `/orgs/${world.strangerOrgId}`],
      ['PUT', `/orgs/${world.strangerOrgId}`, { name: 'Taken', slug: 'taken-over', plan: 'free' }],
      ['GET', `/orgs/${world.strangerOrgId}/members`],
      ['POST', `/orgs/${world.strangerOrgId}/members`, { serviceAccount: { displayName: 'Spy' }, role: 'owner' }],
      ['PUT', `/orgs/${world.strangerOrgId}/members/${world.actors.stranger.userId}`, { role: 'member' }],
      ['DELETE', `/orgs/${world.strangerOrgId}/members/${world.actors.stranger.userId}`],
      ['POST', `${orgPath()}/members`, { userId: world.actors.stranger.userId, role: 'member' }],
      ['PUT', `${orgPath()}/members/${world.actors.stranger.userId}`, { role: 'member' }],
      ['DELETE', `${orgPath()}/members/${world.actors.stranger.userId}`],
      ['GET', '/orgs/org_00000000000000000000'],
      ['GET', `/orgs/${world.projectId}`],
    ];
    for (const [method, path, body] of probes) {
      const response = await owner()(method, path, body === undefined ? {} : { body });
      expect(response.status, `${method} ${path}`).toBe(404);
    }
    expect((await world.client('stranger')('org.read', { params: { id: world.strangerOrgId } })).body).toEqual(theirs);
    const strangers = (await world.client('stranger')('org.member.list', { params: { id: world.strangerOrgId } })).body as { items: OrgMember[] };
    expect(strangers.items.map((m) => m.user.id)).toEqual([world.actors.stranger.userId]);
  });

  it('renames, refuses a slug another organization has, and records both kinds of change', async () => {
    const before = await organization();
    const renamed = await owner()('PUT', orgPath(), { body: { name: 'Acme Corp', slug: 'acme-corp', plan: before.plan } });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Acme Corp', slug: 'acme-corp', plan: before.plan });
    const theirs = (await world.client('stranger')('org.read', { params: { id: world.strangerOrgId } })).body as Organization;
    const clash = await world.as('admin')('PUT', orgPath(), { body: { name: 'Acme Corp', slug: theirs.slug, plan: before.plan } });
    expect(clash.status).toBe(409);
    expect((await organization()).slug).toBe('acme-corp');
    const badSlug = await owner()('PUT', orgPath(), { body: { name: 'Acme', slug: 'Not A Slug', plan: before.plan } });
    expect(badSlug.status).toBe(400);
    expect((badSlug.body as ErrorBody).error.field).toBe('slug');
    const extra = await owner()('PUT', orgPath(), { body: { name: 'Acme', slug: 'acme-corp', plan: before.plan, id: world.strangerOrgId } });
    expect(extra.status).toBe(400);
    expect((extra.body as ErrorBody).error.field).toBe('id');
    const downgraded = await owner()('PUT', orgPath(), { body: { name: 'Acme Corp', slug: 'acme-corp', plan: 'standard' } });
    expect(downgraded.body).toMatchObject({ plan: 'standard' });
    await restorePlan();
    expect((await organization()).plan).toBe('enterprise');
    const actions = auditActions(world.orgId);
    expect(actions.filter((action) => action === 'org.plan.update').length).toBeGreaterThanOrEqual(2);
    expect(actions).toContain('org.update');
  });

  it('lists members with their role and kind', async () => {
    const bot = await newServiceAccount();
    const list = (await world.as('viewer')('GET', `${orgPath()}/members`)).body as { items: OrgMember[] };
    const byId = new Map(list.items.map((m) => [m.user.id, m]));
    expect(byId.get(world.actors.owner.userId)).toMatchObject({ role: 'owner', user: { kind: 'person', email: world.actors.owner.email } });
    expect(byId.get(world.actors.admin.userId)?.role).toBe('admin');
    expect(byId.get(world.actors.viewer.userId)?.role).toBe('member');
    expect(byId.get(bot.user.id)).toMatchObject({ role: 'member', user: { kind: 'service' } });
    expect(byId.has(world.actors.stranger.userId)).toBe(false);
  });
});

describe('organization members', () => {
  it('keeps admins from touching owners', async () => {
    const admin = world.as('admin');
    const ownerId = world.actors.owner.userId;
    const demote = await admin('PUT', `${orgPath()}/members/${ownerId}`, { body: { role: 'member' } });
    expect(demote.status).toBe(403);
    expect((demote.body as ErrorBody).error.message).toMatch(/Only organization owners/);
    expect((await admin('POST', `${orgPath()}/members`, { body: { userId: ownerId, role: 'admin' } })).status).toBe(403);
    expect((await admin('DELETE', `${orgPath()}/members/${ownerId}`)).status).toBe(403);
    expect((await admin('PUT', `${orgPath()}/members/${world.actors.admin.userId}`, { body: { role: 'owner' } })).status).toBe(403);
    expect((await admin('POST', `${orgPath()}/members`, { body: { serviceAccount: { displayName: 'Boss' }, role: 'owner' } })).status).toBe(403);
    const members = (await owner()('GET', `${orgPath()}/members`)).body as { items: OrgMember[] };
    expect(members.items.find((m) => m.user.id === ownerId)?.role).toBe('owner');
    expect(members.items.find((m) => m.user.id === world.actors.admin.userId)?.role).toBe('admin');
    // What admins may do: manage everyone below owner.
    const bot = await newServiceAccount();
    expect((await admin('PUT', `${orgPath()}/members/${bot.user.id}`, { body: { role: 'admin' } })).status).toBe(200);
  });

  it('keeps the last owner: they cannot leave or be demoted until another owner exists', async () => {
    const ownerId = world.actors.owner.userId;
    const leave = await owner()('DELETE', `${orgPath()}/members/${ownerId}`);
    expect(leave.status).toBe(409);
    expect((leave.body as ErrorBody).error.message).toMatch(/last owner of the organization/);
    expect((await owner()('PUT', `${orgPath()}/members/${ownerId}`, { body: { role: 'admin' } })).status).toBe(409);
    expect((await owner()('POST', `${orgPath()}/members`, { body: { userId: ownerId, role: 'member' } })).status).toBe(409);
    expect((await owner()('GET', '/auth/whoami')).status).toBe(200);

    const second = await newServiceAccount('owner');
    expect(second.role).toBe('owner');
    expect((await owner()('PUT', `${orgPath()}/members/${second.user.id}`, { body: { role: 'member' } })).status).toBe(200);
    // Back to one owner, so the rule holds again.
    expect((await owner()('PUT', `${orgPath()}/members/${ownerId}`, { body: { role: 'admin' } })).status).toBe(409);
  });

  it('changes roles with POST and PUT, and an unchanged role is no change', async () => {
    const bot = await newServiceAccount();
    const posted = await owner()('POST', `${orgPath()}/members`, { body: { userId: bot.user.id, role: 'admin' } });
    expect(posted.status).toBe(200);
    expect(posted.body).toMatchObject({ role: 'admin', user: { id: bot.user.id } });
    const put = await owner()('PUT', `${orgPath()}/members/${bot.user.id}`, { body: { role: 'member' } });
    expect(put.body).toMatchObject({ role: 'member' });
    expect((await owner()('PUT', `${orgPath()}/members/${bot.user.id}`, { body: { role: 'member' } })).status).toBe(200);
    expect(auditActions(bot.user.id)).toEqual(['org.member.add', 'org.member.update-role', 'org.member.update-role']);
  });

  it('refuses a POST naming both or neither of userId and serviceAccount, naming the field', async () => {
    const both = await owner()('POST', `${orgPath()}/members`, {
      body: { userId: world.actors.member.userId, serviceAccount: { displayName: 'X' }, role: 'member' },
    });
    expect(both.status).toBe(400);
    expect((both.body as ErrorBody).error.field).toBe('serviceAccount');
    const neither = await owner()('POST', `${orgPath()}/members`, { body: { role: 'member' } });
    expect(neither.status).toBe(400);
    expect((neither.body as ErrorBody).error.field).toBe('userId');
    const email = await owner()('POST', `${orgPath()}/members`, { body: { email: 'new@example.test', role: 'member' } });
    expect(email.status).toBe(400);
    expect((email.body as ErrorBody).error.field).toBe('email');
    // Someone with an account who is not a member joins by invitation, not by POST.
    const { actor: loner } = await signup(server, 'loner', 'Loner Inc');
    expect((await owner()('POST', `${orgPath()}/members`, { body: { userId: loner.userId, role: 'member' } })).status).toBe(404);
  });

  it('creates a service account that works with an API key and can never sign in with a password', async () => {
    const created = await world.as('admin')('POST', `${orgPath()}/members`, { body: { serviceAccount: { displayName: 'CI runner' }, role: 'member' } });
    expect(created.status).toBe(200);
    const account = created.body as OrgMember;
    expect(account).toMatchObject({ role: 'member', user: { displayName: 'CI runner', kind: 'service' } });

    const minted = await ok<ApiKeyMinted>(
      world.client('admin')('api-key.create', { body: { name: 'ci', userId: account.user.id } }),
      'mint key',
    );
    const whoami = await server.request<Whoami>('GET', '/auth/whoami', { token: minted.secret });
    expect(whoami.status).toBe(200);
    expect(whoami.body.user).toMatchObject({ id: account.user.id, kind: 'service' });
    expect(whoami.body.organization.id).toBe(world.orgId);
    expect(whoami.body.credential).toEqual({ kind: 'api-key', keyId: minted.id, scopes: ['read', 'write'] });
    expect((await server.request('GET', orgPath(), { token: minted.secret })).status).toBe(200);

    for (const attempt of [password, '', 'anything at all']) {
      const login = await server.request('POST', '/auth/login', { body: { email: account.user.email, password: attempt } });
      expect(login.status).toBe(401);
    }
    // Signing up with its address answers as for any address, and gives no way in.
    const signupAs = await server.request('POST', '/auth/signup', { body: { email: account.user.email, password, displayName: 'Impostor' } });
    expect(signupAs.status).toBe(202);
    expect((await server.request('POST', '/auth/login', { body: { email: account.user.email, password } })).status).toBe(401);
  });

  it('removing a member ends their sessions and keys there and drops their project and workgroup memberships', async () => {
    const leaver = await joinOrg('leaver', { kind: 'project', projectId: world.projectId, role: 'editor' });
    const as = (method: string, path: string, body?: unknown, token = leaver.token) => server.request(method, path, { token, body });
    const key = await ok<ApiKeyMinted>(as('POST', '/auth/api-keys', { name: 'laptop' }), 'own key');
    const workgroup = await ok<Workgroup>(owner()('POST', '/workgroups', { body: { name: 'Leavers' } }), 'workgroup');
    await ok(owner()('POST', `/workgroups/${workgroup.id}/members`, { body: { userId: leaver.userId, role: 'editor' } }), 'join workgroup');
    expect((await as('GET', `/projects/${world.projectId}`)).status).toBe(200);
    expect((await as('GET', '/auth/whoami', undefined, key.secret)).status).toBe(200);

    expect((await world.as('admin')('DELETE', `${orgPath()}/members/${leaver.userId}`)).status).toBe(204);

    expect((await as('GET', '/auth/whoami')).status).toBe(401);
    expect((await as('GET', `/projects/${world.projectId}`)).status).toBe(401);
    expect((await as('GET', '/auth/whoami', undefined, key.secret)).status).toBe(401);
    const members = (await owner()('GET', `${orgPath()}/members`)).body as { items: OrgMember[] };
    expect(members.items.map((m) => m.user.id)).not.toContain(leaver.userId);
    const workgroupMembers = (await owner()('GET', `/workgroups/${workgroup.id}/members`)).body as { items: { user: { id: string } }[] };
    expect(workgroupMembers.items.map((m) => m.user.id)).not.toContain(leaver.userId);
    const keys = (await owner()('GET', '/auth/api-keys?scope=organization')).body as { items: { id: string; revokedAt: string | null }[] };
    expect(keys.items.find((k) => k.id === key.id)?.revokedAt).not.toBeNull();
    expect(auditActions(leaver.userId)).toContain('org.member.remove');

    // Invited back, they start from nothing: the old project and workgroup roles are gone.
    const again = await ok<{ code: string }>(owner()('POST', '/auth/invitations', { body: { email: leaver.email, target: { kind: 'organization', role: 'member' } } }), 're-invite');
    const back = await server.request<{ token: string }>('POST', '/auth/login', { body: { email: leaver.email, password, orgId: world.orgId, invitationCode: again.code } });
    expect(back.status).toBe(200);
    expect((await as('GET', `/projects/${world.projectId}`, undefined, back.body.token)).status).toBe(404);
    expect((await as('GET', `/workgroups/${workgroup.id}`, undefined, back.body.token)).status).toBe(404);
    // Membership again does not bring the revoked session or key back.
    expect((await as('GET', '/auth/whoami')).status).toBe(401);
    expect((await as('GET', '/auth/whoami', undefined, key.secret)).status).toBe(401);
  });

  it('lets a member leave on their own', async () => {
    const leaver = await joinOrg('quitter');
    expect((await server.request('DELETE', `${orgPath()}/members/${leaver.userId}`, { token: leaver.token })).status).toBe(204);
    expect((await server.request('GET', '/auth/whoami', { token: leaver.token })).status).toBe(401);
    expect(auditActions(leaver.userId)).toContain('org.leave');
  });
});
