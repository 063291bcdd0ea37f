import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiKeyMinted } from '../../../../shared/domain/api-key';
import type { AgentRanking } from '../../../../shared/domain/agent-stats';
import type { Organization } from '../../../../shared/domain/organization';
import type { Workgroup } from '../../../../shared/domain/workgroup';
import type { OrganizationMembership } from '../../../../shared/rest/account-endpoints';
import type { AuthSession, Whoami } from '../../../../shared/rest/auth-endpoints';
import { startTestServer } from '../support/test-server';
import type { TestServer } from '../support/test-server';
import { password, signup } from '../support/world';
import type { Actor } from '../support/world';

let server: TestServer;
let clock = Date.parse('2026-03-01T09:00:00.000Z');
let owner: Actor;
const minutes = (n: number) => {
  clock += n * 60_000;
};

beforeAll(async () => {
  server = await startTestServer({}, { now: () => new Date(clock) });
  owner = (await signup(server, 'founder', 'First')).actor;
});

afterAll(async () => {
  await server.dispose();
});

const as = (token: string) => (method: string, path: string, body?: unknown) => server.request(method, path, { token, ...(body === undefined ? {} : { body }) });

describe('key scopes', () => {
  it('lists scopes on keys and in whoami; a read key reads but neither writes nor changes structure', async () => {
    const minted = await as(owner.token)('POST', '/auth/api-keys', { name: 'Reader', scopes: ['read'] });
    expect(minted.status).toBe(201);
    const key = minted.body as ApiKeyMinted;
    expect(key.scopes).toEqual(['read']);
    const who = await as(key.secret)('GET', '/auth/whoami');
    expect((who.body as Whoami).credential).toEqual({ kind: 'api-key', keyId: key.id, scopes: ['read'] });
    expect((await as(key.secret)('GET', '/projects')).status).toBe(200);
    const refused = await as(key.secret)('POST', '/workgroups', { name: 'Nope' });
    expect(refused.status).toBe(403);
    expect(JSON.stringify(refused.body)).toContain('admin scope');
    expect((await as(key.secret)('POST', '/agent-registry', { name: 'Nope', systemPrompt: 'x' })).status).toBe(403);
  });

  it('a key without admin cannot create workgroups; one with admin can, and mints nothing beyond its scopes', async () => {
    const writer = (await as(owner.token)('POST', '/auth/api-keys', { name: 'Writer' })).body as ApiKeyMinted;
    expect(writer.scopes).toEqual(['read', 'write']);
    expect((await as(writer.secret)('POST', '/workgroups', { name: 'By writer' })).status).toBe(403);
    const admin = (await as(owner.token)('POST', '/auth/api-keys', { name: 'Admin', scopes: ['admin'] })).body as ApiKeyMinted;
    expect((await as(admin.secret)('POST', '/workgroups', { name: 'By admin' })).status).toBe(201);
    expect((await as(admin.secret)('POST', '/auth/api-keys', { name: 'Wider', scopes: ['admin', 'write'] })).status).toBe(403);
  });

  it.each([
    [{ name: 'k', scopes: [] }, 'scopes'],
    [{ name: 'k', scopes: ['read', 'read'] }, 'scopes'],
    [{ name: 'k', scopes: ['root'] }, 'scopes.0'],
    [{ name: 'k', scopes: 'read' }, 'scopes'],
  ])('refuses bad scopes %j naming the field', async (body, field) => {
    const res = await as(owner.token)('POST', '/auth/api-keys', body);
    expect(res.status).toBe(400);
    expect((res.body as { error: { field: string } }).error.field).toBe(field);
  });
});

describe('recent sign-in', () => {
  it('asks a session for its password again before deleting a workgroup after ten minutes, and not after re-entering it', async () => {
    const workgroup = (await as(owner.token)('POST', '/workgroups', { name: 'Doomed' })).body as Workgroup;
    minutes(11);
    const stale = await as(owner.token)('DELETE', `/workgroups/${workgroup.id}`);
    expect(stale.status).toBe(403);
    expect((stale.body as { error: { code: string } }).error.code).toBe('reauthentication_required');
    expect((await as(owner.token)('POST', '/auth/reauthenticate', { password: 'wrong password' })).status).toBe(401);
    expect((await as(owner.token)('POST', '/auth/reauthenticate', { password })).status).toBe(200);
    expect((await as(owner.token)('DELETE', `/workgroups/${workgroup.id}`)).status).toBe(204);
  });

  it('asks again before changing the plan, but not before renaming', async () => {
    minutes(11);
    const org = (await as(owner.token)('GET', '/auth/whoami')).body as Whoami;
    const { id, slug, plan } = org.organization;
    expect((await as(owner.token)('PUT', `/orgs/${id}`, { name: 'Renamed', slug, plan })).status).toBe(200);
    const change = await as(owner.token)('PUT', `/orgs/${id}`, { name: 'Renamed', slug, plan: plan === 'enterprise' ? 'professional' : 'enterprise' });
    expect(change.status).toBe(403);
    expect((change.body as { error: { code: string } }).error.code).toBe('reauthentication_required');
  });

  it('refuses a malformed password body', async () => {
    expect((await as(owner.token)('POST', '/auth/reauthenticate', { password: 12 })).status).toBe(400);
    expect((await as(owner.token)('POST', '/auth/reauthenticate', { password, extra: 1 })).status).toBe(400);
  });
});

describe('several organizations', () => {
  it('founds another organization owned by the caller, lists both with roles, and switches with a new session', async () => {
    const created = await as(owner.token)('POST', '/orgs', { name: 'Second' });
    expect(created.status).toBe(201);
    const second = created.body as Organization;
    expect(second.plan).toBe('enterprise');
    const list = (await as(owner.token)('GET', '/auth/organizations')).body as { items: OrganizationMembership[] };
    expect(list.items.map((m) => [m.organization.name, m.role])).toEqual([
      ['Renamed', 'owner'],
      ['Second', 'owner'],
    ]);
    const switched = await as(owner.token)('POST', '/auth/switch-organization', { orgId: second.id });
    expect(switched.status).toBe(200);
    const session = switched.body as AuthSession;
    expect(session.organization.id).toBe(second.id);
    expect((await as(owner.token)('GET', '/auth/whoami')).status).toBe(401);
    const projects = (await as(session.token)('GET', '/projects')).body as { items: { canonicalName: string }[] };
    expect(projects.items.map((p) => p.canonicalName)).toEqual(['default']);
    owner = { ...owner, token: session.token };
  });

  it('answers 404 for an organization the caller is not in, and 400 for a malformed id or name', async () => {
    const other = (await signup(server, 'elsewhere', 'Elsewhere')).session;
    expect((await as(owner.token)('POST', '/auth/switch-organization', { orgId: other.organization.id })).status).toBe(404);
    expect((await as(owner.token)('POST', '/auth/switch-organization', { orgId: 'acme' })).status).toBe(400);
    expect((await as(owner.token)('POST', '/orgs', { name: '' })).status).toBe(400);
    expect((await as(owner.token)('POST', '/orgs', {})).status).toBe(400);
  });
});

describe('agent ranking', () => {
  it('ranks the agents the caller can see and refuses a bad period or order', async () => {
    const ranking = await as(owner.token)('GET', '/agent-registry/stats');
    expect(ranking.status).toBe(200);
    const body = ranking.body as AgentRanking;
    expect(body.sortBy).toBe('invocations');
    expect(body.items.map((item) => item.rank)).toEqual(body.items.map((_, index) => index + 1));
    expect(body.items.length).toBeGreaterThan(0);
    expect((await as(owner.token)('GET', '/agent-registry/stats?sortBy=popularity')).status).toBe(400);
    expect((await as(owner.token)('GET', '/agent-registry/stats?limit=0')).status).toBe(400);
    expect((await as(owner.token)('GET', '/agent-registry/stats?since=2026-03-02T00:00:00Z&until=2026-03-01T00:00:00Z')).status).toBe(400);
    expect((await as(owner.token)('GET', '/agent-registry/stats?since=yesterday')).status).toBe(400);
  });
});
