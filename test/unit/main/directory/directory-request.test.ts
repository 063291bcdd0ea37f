import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatch } from '../../../../main/app-api/dispatch';
import type { Dispatch } from '../../../../main/app-api/dispatch';
import { startTestServer } from '../../sync-server/support/test-server';
import type { TestServer } from '../../sync-server/support/test-server';
import { waitFor } from '../../sync-server/support/sync-client';
import { createWorld, password } from '../../sync-server/support/world';
import type { World, WorldRole } from '../../sync-server/support/world';
import { createNetwork, openApp } from '../support/app-harness';
import type { AppHarness, Network } from '../support/app-harness';

/**
 * `directory.request` as the renderer calls it, through the dispatcher: checked against the
 * endpoint's schemas and the shared policy before anything reaches the network.
 */
describe('directory.request', () => {
  let server: TestServer;
  let world: World;
  const apps = new Map<WorldRole, { app: AppHarness; network: Network; call: Dispatch }>();

  beforeAll(async () => {
    server = await startTestServer();
    world = await createWorld(server);
    for (const role of ['viewer', 'member', 'editor', 'owner'] as const) {
      const network = createNetwork();
      const app = await openApp({ fetch: network.fetch });
      await app.services.handlers['session.signIn']({ serverUrl: server.url, email: world.actors[role].email, password });
      await waitFor(() => (app.services.handlers['directory.myRoles']({}) as { orgRole: string | null }).orgRole !== null, 5000, 'roles');
      apps.set(role, { app, network, call: createDispatch(app.services.handlers, (error) => { throw error; }) });
    }
  });

  afterAll(async () => {
    for (const { app } of apps.values()) await app.dispose();
    await server.dispose();
  });

  const as = (role: WorldRole) => {
    const found = apps.get(role);
    if (!found) throw new Error(`no app for ${role}`);
    return found;
  };

  async function refusedLocally(role: WorldRole, input: unknown) {
    const { call, network } = as(role);
    const before = network.calls;
    const result = await call('directory.request', input);
    expect(network.calls).toBe(before);
    return result;
  }

  it.each([
    ['viewer', 'project.patch', { id: 'alpha' }, { description: 'x' }, 'forbidden', 'Viewers cannot rename or describe the project'],
    ['viewer', 'conversation.create', { id: 'alpha' }, { title: 'Hello' }, 'forbidden', 'Viewers cannot start conversations'],
    [
      'member',
      'project.config.update',
      { id: 'alpha' },
      { systemPromptOverride: null, modelLock: null, toolAllowlist: null, knowledgeBaseIds: [], defaultModelId: null },
      'forbidden',
      "Members cannot change the project's configuration",
    ],
    ['editor', 'project.delete', { id: 'alpha' }, undefined, 'forbidden', 'Editors cannot delete the project'],
    ['editor', 'project.member.add', { id: 'alpha' }, { userId: 'usr_0000000000000000', role: 'viewer' }, 'forbidden', "Editors cannot manage the project's members"],
    ['member', 'workgroup.create', undefined, { name: 'Research' }, 'forbidden', 'Organization members cannot create workgroups'],
  ] as const)('refuses on this computer what the policy refuses: %s %s', async (role, endpoint, params, body, code, message) => {
    const resolved = params === undefined ? undefined : { id: world.projectId };
    const result = await refusedLocally(role, { endpoint, ...(resolved ? { params: resolved } : {}), ...(body === undefined ? {} : { body }) });
    expect(result).toEqual({ ok: false, error: { code, message } });
  });

  it('refuses offline too, instead of queueing a change the server would refuse', async () => {
    const { call, app, network } = as('viewer');
    network.up = false;
    try {
      const result = await call('directory.request', { endpoint: 'project.patch', params: { id: world.projectId }, body: { description: 'x' } });
      expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(app.services.outbox.pendingCount()).toBe(0);
    } finally {
      network.up = true;
    }
  });

  it('lets through what the policy allows, and the server has the last word', async () => {
    const result = await as('editor').call('directory.request', { endpoint: 'project.patch', params: { id: world.projectId }, body: { description: 'By the editor' } });
    expect(result).toMatchObject({ ok: true, value: { status: 'applied', response: { description: 'By the editor' } } });
    // The outsider's project is not known locally: the request goes to the server, which answers 404.
    const stranger = await as('editor').call('directory.request', { endpoint: 'project.read', params: { id: world.strangerProjectId } });
    expect(stranger).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('checks params, query and body with the endpoint schemas before sending', async () => {
    expect(await refusedLocally('owner', { endpoint: 'project.create', body: { name: '' } })).toEqual({
      ok: false,
      error: { code: 'bad_request', message: 'Name must not be empty', field: 'body.name' },
    });
    expect(await refusedLocally('owner', { endpoint: 'project.read', params: {} })).toMatchObject({
      ok: false,
      error: { code: 'bad_request', field: 'params.id' },
    });
    expect(await refusedLocally('owner', { endpoint: 'change.list', query: { since: '-1' } })).toMatchObject({
      ok: false,
      error: { code: 'bad_request', field: 'query.since' },
    });
    expect(await refusedLocally('owner', { endpoint: 'project.list', body: { x: 1 } })).toMatchObject({ ok: false, error: { code: 'bad_request', field: 'body' } });
    expect(await refusedLocally('owner', { endpoint: 'no.such.endpoint' })).toMatchObject({ ok: false, error: { code: 'bad_request', field: 'endpoint' } });
  });

  it('keeps sessions out of it: tokens never reach the renderer', async () => {
    const result = await refusedLocally('owner', { endpoint: 'auth.login', body: { email: world.actors.owner.email, password } });
    expect(result).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });

  it('answers reads from the server, with the query sent as given, and fails them offline', async () => {
    const { call, network } = as('owner');
    const members = await call('directory.request', { endpoint: 'project.member.list', params: { id: world.projectId } });
    expect(members).toMatchObject({ ok: true, value: { status: 'applied' } });
    const page = await call('directory.request', { endpoint: 'change.list', query: { since: '0', limit: '5' } });
    expect(page).toMatchObject({ ok: true, value: { status: 'applied', response: { cursor: expect.any(Number) as number } } });

    network.up = false;
    try {
      const first = await call('directory.request', { endpoint: 'project.list' });
      expect(first).toMatchObject({ ok: false, error: { code: 'offline' } });
      const calls = network.calls;
      // Known to be offline now: the next read fails at once.
      expect(await call('directory.request', { endpoint: 'project.list' })).toMatchObject({ ok: false, error: { code: 'offline' } });
      expect(network.calls).toBe(calls);
    } finally {
      network.up = true;
      as('owner').app.services.connectivity.report(true);
    }
  });

  it('passes the server error shape through: code, message and field', async () => {
    const result = await as('owner').call('directory.request', { endpoint: 'project.create', body: { name: 'Alpha', canonicalName: 'alpha' } });
    expect(result).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect((result as { error: { message: string } }).error.message).toMatch(/alpha/i);
  });
});
