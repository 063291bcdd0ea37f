import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessSummary, AuthSession, Whoami } from '../../../../shared/rest/auth-endpoints';
import type { ApiKeyMinted } from '../../../../shared/domain/api-key';
import { startTestServer } from '../support/test-server';
import type { TestServer } from '../support/test-server';
import { createWorld, inviteAndJoin, password, signup } from '../support/world';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.dispose();
});

describe('accounts', () => {
  it('signs up, normalizes the email, creates the organization with its default project and agent', async () => {
    const signedUp = await server.request('POST', '/auth/signup', {
      body: { email: '  Dana@Example.TEST ', password, displayName: 'Dana', organizationName: 'Dana Labs' },
    });
    expect(signedUp.status).toBe(202);
    const res = await server.request<AuthSession>('POST', '/auth/login', { body: { email: 'DANA@example.test', password } });
    expect(res.body.user.email).toBe('dana@example.test');
    expect(res.body.orgRole).toBe('owner');
    expect(res.body.organization.slug).toBe('dana-labs');
    const db = server.server.services.db;
    const defaults = db
      .prepare('SELECT canonical_name, is_default FROM projects WHERE org_id = ?')
      .all(res.body.organization.id) as { canonical_name: string; is_default: number }[];
    expect(defaults).toEqual([{ canonical_name: 'default', is_default: 1 }]);
    const agent = db.prepare('SELECT visibility_level, is_default FROM agents WHERE org_id = ?').get(res.body.organization.id);
    expect(agent).toEqual({ visibility_level: 'public', is_default: 1 });
  });

  it('stores only a scrypt hash of the password and only a SHA-256 of the session token', async () => {
    const { session } = await signup(server, 'hashes');
    const db = server.server.services.db;
    const user = db.prepare('SELECT password_hash FROM users WHERE id = ?').get(session.user.id) as { password_hash: string };
    expect(user.password_hash.startsWith('scrypt$')).toBe(true);
    expect(user.password_hash).not.toContain(password);
    const tokens = db.prepare('SELECT token_hash FROM sessions WHERE user_id = ?').all(session.user.id) as { token_hash: string }[];
    expect(tokens.map((t) => t.token_hash)).not.toContain(session.token);
    expect(tokens.every((t) => /^[0-9a-f]{64}$/.test(t.token_hash))).toBe(true);
  });

  it('makes no second account for the same email, answering as for a new one', async () => {
    const { actor } = await signup(server, 'twice');
    const res = await server.request('POST', '/auth/signup', {
      body: { email: 'TWICE@example.test', password: 'a different password', displayName: 'Again', organizationName: 'Second Co' },
    });
    expect(res.status).toBe(202);
    const db = server.server.services.db;
    expect(db.prepare("SELECT COUNT(*) AS n FROM users WHERE email = 'twice@example.test'").get()).toEqual({ n: 1 });
    expect(db.prepare("SELECT COUNT(*) AS n FROM org_members WHERE user_id = ?").get(actor.userId)).toEqual({ n: 1 });
  });

  it('logs in with the right password only, with one message for a wrong password and an unknown email', async () => {
    await signup(server, 'login');
    const ok = await server.request<AuthSession>('POST', '/auth/login', { body: { email: 'login@example.test', password } });
    expect(ok.status).toBe(200);
    expect(ok.body.token).toMatch(/^qs_/);
    const wrong = await server.request('POST', '/auth/login', { body: { email: 'login@example.test', password: 'not the password' } });
    const unknown = await server.request('POST', '/auth/login', { body: { email: 'nobody@example.test', password } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
  });

  it('ends the session on logout', async () => {
    const { actor } = await signup(server, 'logout');
    expect((await server.request('GET', '/auth/whoami', { token: actor.token })).status).toBe(200);
    expect((await server.request('POST', '/auth/logout', { token: actor.token })).status).toBe(204);
    expect((await server.request('GET', '/auth/whoami', { token: actor.token })).status).toBe(401);
  });

  it('refuses an expired session', async () => {
    const { actor } = await signup(server, 'expired');
    server.server.services.db
      .prepare("UPDATE sessions SET expires_at = '2000-01-01T00:00:00.000Z' WHERE user_id = ?")
      .run(actor.userId);
    const res = await server.request<{ error: { code: string } }>('GET', '/auth/whoami', { token: actor.token });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthenticated');
  });

  it('answers 401 without credentials and with malformed ones', async () => {
    for (const token of [undefined, 'qs_nope', 'qk_key_aaaaaaaaaaaaaaaaaaaa_' + 'x'.repeat(43), 'Basic abc']) {
      expect((await server.request('GET', '/auth/whoami', { token })).status).toBe(401);
    }
  });
});

describe('API keys', () => {
  it('shows the secret once, resolves whoami to the user and organization, and stops working when revoked', async () => {
    const { actor, session } = await signup(server, 'keys');
    const minted = await server.request<ApiKeyMinted>('POST', '/auth/api-keys', { token: actor.token, body: { name: 'ci runner' } });
    expect(minted.status).toBe(201);
    expect(minted.body.secret.startsWith(minted.body.prefix)).toBe(true);

    const who = await server.request<Whoami>('GET', '/auth/whoami', { token: minted.body.secret });
    expect(who.status).toBe(200);
    expect(who.body.user.id).toBe(actor.userId);
    expect(who.body.organization.id).toBe(session.organization.id);
    expect(who.body.credential).toEqual({ kind: 'api-key', scopes: ['read', 'write'], keyId: minted.body.id });

    const listed = await server.request<{ items: Record<string, unknown>[] }>('GET', '/auth/api-keys', { token: actor.token });
    expect(listed.body.items).toHaveLength(1);
    expect(JSON.stringify(listed.body)).not.toContain(minted.body.secret);
    expect(listed.body.items[0]).not.toHaveProperty('secret');

    const stored = server.server.services.db.prepare('SELECT secret_hash FROM api_keys WHERE id = ?').get(minted.body.id) as { secret_hash: string };
    expect(stored.secret_hash).not.toContain(minted.body.secret);

    expect((await server.request('DELETE', `/auth/api-keys/${minted.body.id}`, { token: actor.token })).status).toBe(204);
    expect((await server.request('GET', '/auth/whoami', { token: minted.body.secret })).status).toBe(401);
  });

  it('refuses an expiry in the past and stops an expired key', async () => {
    const { actor } = await signup(server, 'expiring');
    const past = await server.request('POST', '/auth/api-keys', { token: actor.token, body: { name: 'old', expiresAt: '2001-01-01T00:00:00.000Z' } });
    expect(past.status).toBe(400);
    const minted = await server.request<ApiKeyMinted>('POST', '/auth/api-keys', {
      token: actor.token,
      body: { name: 'soon', expiresAt: new Date(Date.now() + 60_000).toISOString() },
    });
    server.server.services.db.prepare("UPDATE api_keys SET expires_at = '2001-01-01T00:00:00.000Z' WHERE id = ?").run(minted.body.id);
    expect((await server.request('GET', '/auth/whoami', { token: minted.body.secret })).status).toBe(401);
  });

  it("hides other people's keys: revoking one answers 404 to a plain member", async () => {
    const { actor: alice } = await signup(server, 'alice-keys');
    const key = await server.request<ApiKeyMinted>('POST', '/auth/api-keys', { token: alice.token, body: { name: 'mine' } });
    const { actor: bob } = await signup(server, 'bob-keys');
    expect((await server.request('DELETE', `/auth/api-keys/${key.body.id}`, { token: bob.token })).status).toBe(404);
    expect((await server.request('GET', '/auth/whoami', { token: key.body.secret })).status).toBe(200);
  });

  it("mints a service account's key only for someone holding at least the account's role: an admin never gets an owner's credential", async () => {
    const world = await createWorld(server, { tag: 'minting' });
    const serviceAccount = async (role: string) => {
      const res = await world.as('owner')('POST', `/orgs/${world.orgId}/members`, { body: { serviceAccount: { displayName: `Bot ${role}` }, role } });
      expect(res.status).toBe(200);
      return (res.body as { user: { id: string } }).user.id;
    };
    const ownerBot = await serviceAccount('owner');
    const adminBot = await serviceAccount('admin');
    const memberBot = await serviceAccount('member');
    const mint = (who: 'owner' | 'admin' | 'member', userId: string) => world.client(who)('api-key.create', { body: { name: 'Deploy', userId } });

    const escalation = await mint('admin', ownerBot);
    expect(escalation.status, JSON.stringify(escalation.body)).toBe(403);
    expect((escalation.body as { error: { message: string } }).error.message).toMatch(/owner/);
    // Nothing was minted, and the admin cannot act as an owner by any key.
    const keys = server.server.services.db.prepare('SELECT COUNT(*) AS n FROM api_keys WHERE user_id = ?').get(ownerBot) as { n: number };
    expect(keys.n).toBe(0);
    const plan = await world.client('admin')('org.update', { params: { id: world.orgId }, body: { name: 'Acme minting', slug: 'acme-minting', plan: 'free' } });
    expect(plan.status).toBe(403);

    expect((await mint('admin', adminBot)).status).toBe(201);
    expect((await mint('admin', memberBot)).status).toBe(201);
    const ownerKey = await mint('owner', ownerBot);
    expect(ownerKey.status).toBe(201);
    expect((await server.request<Whoami>('GET', '/auth/whoami', { token: (ownerKey.body as ApiKeyMinted).secret })).body.orgRole).toBe('owner');
    expect((await mint('member', memberBot)).status).toBe(403);
  });

  it('refuses a logout made with an API key, which has no session', async () => {
    const { actor } = await signup(server, 'key-logout');
    const key = await server.request<ApiKeyMinted>('POST', '/auth/api-keys', { token: actor.token, body: { name: 'k' } });
    expect((await server.request('POST', '/auth/logout', { token: key.body.secret })).status).toBe(400);
  });
});

describe('invitations', () => {
  it('joins the invitee at sign-up with the code, and lists the invitation no more', async () => {
    const { actor: inviter, session } = await signup(server, 'inviter', 'Inviting Co');
    const invited = await server.request<{ id: string; status: string; code: string }>('POST', '/auth/invitations', {
      token: inviter.token,
      body: { email: 'Invitee@Example.test', target: { kind: 'organization', role: 'admin' } },
    });
    expect(invited.status).toBe(201);
    expect(invited.body.status).toBe('pending');
    const pending = await server.request<{ items: { id: string }[] }>('GET', '/auth/invitations', { token: inviter.token });
    expect(pending.body.items.map((i) => i.id)).toContain(invited.body.id);

    const joined = await signup(server, 'invitee', undefined, invited.body.code);
    expect(joined.session.organization.id).toBe(session.organization.id);
    expect(joined.session.orgRole).toBe('admin');
    const after = await server.request<{ items: { id: string }[] }>('GET', '/auth/invitations', { token: inviter.token });
    expect(after.body.items.map((i) => i.id)).not.toContain(invited.body.id);
  });

  it('lets an existing account accept at sign-in with the code, and a revoked one never', async () => {
    const { actor: inviter, session } = await signup(server, 'inviter2', 'Second Co');
    const { actor: existing } = await signup(server, 'existing');
    const target = { kind: 'organization', role: 'member' };
    const revoked = await server.request<{ id: string; code: string }>('POST', '/auth/invitations', { token: inviter.token, body: { email: existing.email, target } });
    expect((await server.request('DELETE', `/auth/invitations/${revoked.body.id}`, { token: inviter.token })).status).toBe(204);
    const first = await server.request<AuthSession>('POST', '/auth/login', { body: { email: existing.email, password, invitationCode: revoked.body.code } });
    expect(first.body.organizations.map((o) => o.id)).not.toContain(session.organization.id);

    const valid = await server.request<{ code: string }>('POST', '/auth/invitations', { token: inviter.token, body: { email: existing.email, target } });
    const second = await server.request<AuthSession>('POST', '/auth/login', {
      body: { email: existing.email, password, orgId: session.organization.id, invitationCode: valid.body.code },
    });
    expect(second.status).toBe(200);
    expect(second.body.organization.id).toBe(session.organization.id);
    expect(second.body.orgRole).toBe('member');
  });

  it('lets only admins invite to the organization, and never as owner unless an owner invites', async () => {
    const { actor: owner } = await signup(server, 'org-owner', 'Owned Co');
    const admin = (await inviteAndJoin(server, owner.token, 'adm', { kind: 'organization', role: 'admin' })).actor;
    const member = (await inviteAndJoin(server, owner.token, 'mem', { kind: 'organization', role: 'member' })).actor;
    const asOwner = await server.request('POST', '/auth/invitations', {
      token: admin.token,
      body: { email: 'boss@example.test', target: { kind: 'organization', role: 'owner' } },
    });
    expect(asOwner.status).toBe(403);
    const byMember = await server.request('POST', '/auth/invitations', {
      token: member.token,
      body: { email: 'friend@example.test', target: { kind: 'organization', role: 'member' } },
    });
    expect(byMember.status).toBe(403);
  });
});

describe('GET /auth/access', () => {
  it("answers the caller's effective roles: direct, through a workgroup, and owner of everything for org owners and admins", async () => {
    const world = await createWorld(server, { tag: 'access' });
    const { owner, admin, member, viewer, outsider } = world.actors;
    const wg = await world.client('owner')('workgroup.create', { body: { name: 'Research' } });
    const workgroupId = (wg.body as { id: string }).id;
    const beta = await world.client('owner')('project.create', { body: { name: 'Beta', primaryWorkgroupId: workgroupId } });
    const betaId = (beta.body as { id: string }).id;
    expect((await world.client('owner')('workgroup.member.upsert', { params: { id: workgroupId }, body: { userId: outsider.userId, role: 'editor' } })).status).toBeLessThan(300);

    const access = async (token: string) => {
      const res = await server.request<AccessSummary>('GET', '/auth/access', { token });
      expect(res.status).toBe(200);
      return res.body;
    };
    const everything = { [world.defaultProjectId]: 'owner', [world.projectId]: 'owner', [betaId]: 'owner' };
    expect(await access(owner.token)).toEqual({ orgRole: 'owner', projects: everything, workgroups: { [workgroupId]: 'owner' } });
    expect(await access(admin.token)).toEqual({ orgRole: 'admin', projects: everything, workgroups: { [workgroupId]: 'owner' } });

    const ofMember = await access(member.token);
    expect(ofMember.orgRole).toBe('member');
    expect(ofMember.projects[world.projectId]).toBe('member');
    expect(ofMember.projects[betaId]).toBeUndefined();
    expect(ofMember.workgroups).toEqual({});

    const ofOutsider = await access(outsider.token);
    expect(ofOutsider.projects[betaId]).toBe('editor');
    expect(ofOutsider.projects[world.projectId]).toBeUndefined();
    expect(ofOutsider.workgroups).toEqual({ [workgroupId]: 'editor' });

    // A demotion counts at once, and nothing of another organization ever shows.
    await world.client('owner')('project.member.update', { params: { id: world.projectId, uid: viewer.userId }, body: { role: 'member' } });
    expect((await access(viewer.token)).projects[world.projectId]).toBe('member');
    const ofStranger = await access(world.actors.stranger.token);
    expect(ofStranger.projects[world.strangerProjectId]).toBe('owner');
    expect(Object.keys(ofStranger.projects).filter((id) => id in everything)).toEqual([]);
    expect(ofStranger.workgroups).toEqual({});
  });

  it('needs a credential', async () => {
    expect((await server.request('GET', '/auth/access')).status).toBe(401);
  });
});
