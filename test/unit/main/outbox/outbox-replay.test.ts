import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutboxEntry } from '../../../../shared/app-api/app-api-contract';
import { startTestServer } from '../../sync-server/support/test-server';
import type { TestServer } from '../../sync-server/support/test-server';
import { createWorld, password } from '../../sync-server/support/world';
import type { World } from '../../sync-server/support/world';
import { waitFor } from '../../sync-server/support/sync-client';
import { createNetwork, openApp } from '../support/app-harness';
import type { AppHarness, Network } from '../support/app-harness';

const modelBody = (name: string) => ({ name, provider: { baseUrl: 'http://127.0.0.1:11434/v1', model: 'llama3' } });

describe('outbox replay against the sync server', () => {
  let server: TestServer;
  let world: World;
  let network: Network;
  let app: AppHarness;

  beforeEach(async () => {
    server = await startTestServer();
    world = await createWorld(server);
    network = createNetwork();
    app = await openApp({ fetch: network.fetch });
    await app.services.handlers['session.signIn']({ serverUrl: server.url, email: world.actors.editor.email, password });
    await waitFor(() => roles().projects[world.projectId] === 'editor', 5000, 'roles');
  });

  afterEach(async () => {
    await app.dispose();
    await server.dispose();
  });

  const roles = () => app.services.handlers['directory.myRoles']({}) as { projects: Record<string, string> };
  const request = (input: Parameters<AppHarness['services']['handlers']['directory.request']>[0]) => app.services.handlers['directory.request'](input);

  it('replays changes made offline in order; a change refused after a demotion is reported with the server reason, the rest applied', async () => {
    network.up = false;
    const created = await request({ endpoint: 'project.create', body: { name: 'Made offline' } });
    const patched = await request({ endpoint: 'project.patch', params: { id: world.projectId }, body: { description: 'Changed offline' } });
    const model = await request({ endpoint: 'model.create', body: modelBody('Offline model') });
    expect([created.status, patched.status, model.status]).toEqual(['queued', 'queued', 'queued']);
    expect(app.services.connectivity.online).toBe(false);
    expect(app.services.handlers['sync.state']({})).toMatchObject({ online: false, outboxPending: 3 });

    // While the editor is away, the project's owner makes them a viewer.
    const demoted = await world.client('owner')('project.member.update', { params: { id: world.projectId, uid: world.actors.editor.userId }, body: { role: 'viewer' } });
    expect(demoted.status).toBe(200);

    network.up = true;
    const outcome = await app.services.replayOutbox();
    expect(outcome).toMatchObject({ applied: 2, rejected: 1, stopped: null });

    const settled = app.eventsOf('outbox.settled');
    expect(settled.map((entry) => [entry.endpoint, entry.status])).toEqual([
      ['project.create', 'applied'],
      ['project.patch', 'rejected'],
      ['model.create', 'applied'],
    ]);
    // The reason is the server's own: the same answer the editor gets asking now.
    const direct = await world.client('editor')('project.patch', { params: { id: world.projectId }, body: { description: 'Changed offline' } });
    expect(direct.status).toBe(403);
    const rejection = settled[1] as OutboxEntry;
    expect(rejection.error).toEqual({ code: 'forbidden', message: (direct.body as { error: { message: string } }).error.message });
    expect(rejection.error?.message).toBe('Viewers cannot rename or describe the project');
    expect(rejection.summary).toContain('Change only the fields given');

    // Kept and shown, never dropped; nothing pending any more.
    const listed = app.services.handlers['outbox.list']({}) as OutboxEntry[];
    expect(listed.map((entry) => entry.status)).toEqual(['applied', 'rejected', 'applied']);
    expect(listed[1]).toEqual(rejection);
    expect(app.services.handlers['sync.state']({})).toMatchObject({ outboxPending: 0 });

    const projects = (await world.client('owner')('project.list')).body as { items: { name: string; id: string; description: string }[] };
    expect(projects.items.map((p) => p.name)).toContain('Made offline');
    expect(projects.items.find((p) => p.id === world.projectId)?.description).toBe('');
    const models = (await world.client('editor')('model.list')).body as { items: { name: string }[] };
    expect(models.items.map((m) => m.name)).toEqual(['Offline model']);

    // The user dismisses the rejection.
    app.services.handlers['outbox.discard']({ id: rejection.id });
    expect((app.services.handlers['outbox.list']({}) as OutboxEntry[]).map((entry) => entry.status)).toEqual(['applied', 'applied']);
  });

  it('stops at a network failure during the replay and keeps that change and the rest pending', async () => {
    network.up = false;
    for (const name of ['One', 'Two', 'Three']) await request({ endpoint: 'project.create', body: { name } });
    network.up = true;
    // The connection drops again right after the first change is sent.
    network.cutAfter(1);
    const outcome = await app.services.replayOutbox();
    expect(outcome.applied).toBe(1);
    expect(outcome.stopped?.code).toBe('offline');
    expect(app.services.connectivity.online).toBe(false);
    expect((app.services.handlers['outbox.list']({}) as OutboxEntry[]).map((entry) => entry.status)).toEqual(['applied', 'pending', 'pending']);

    network.up = true;
    expect(await app.services.replayOutbox()).toMatchObject({ applied: 2, rejected: 0, stopped: null });
    const names = ((await world.client('editor')('project.list')).body as { items: { name: string }[] }).items.map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['One', 'Two', 'Three']));
  });

  it('replays by itself when the server answers again', async () => {
    network.up = false;
    await request({ endpoint: 'project.create', body: { name: 'Back online' } });
    expect(app.eventsOf('outbox.settled')).toEqual([]);
    network.up = true;
    // Anything that reaches the server again (here the change feed) reports the connection back.
    app.services.connectivity.report(true);
    await waitFor(() => app.eventsOf('outbox.settled').length === 1, 5000, 'replay');
    expect(app.eventsOf('outbox.settled')[0]).toMatchObject({ endpoint: 'project.create', status: 'applied', error: null });
  });

  it('keeps pending changes across a restart and sends them after it', async () => {
    network.up = false;
    await request({ endpoint: 'project.create', body: { name: 'Survives restart' } });
    await app.close();
    network.up = true;
    app = await openApp({ dir: app.dir, fetch: network.fetch });
    expect(app.services.session.get().status).toBe('signed-in');
    await waitFor(() => app.eventsOf('outbox.settled').length === 1, 5000, 'replay after restart');
    expect(app.eventsOf('outbox.settled')[0]).toMatchObject({ status: 'applied', summary: 'Create a project “Survives restart”' });
  });

  it('sends a change directly when online and nothing waits, and queues behind waiting changes to keep their order', async () => {
    const direct = await request({ endpoint: 'project.create', body: { name: 'Direct' } });
    expect(direct).toMatchObject({ status: 'applied', response: { name: 'Direct' } });

    network.up = false;
    await request({ endpoint: 'project.create', body: { name: 'First' } });
    network.up = true;
    // The server answers again, but an older change still waits: this one goes behind it.
    const second = await request({ endpoint: 'project.create', body: { name: 'Second' } });
    expect(second.status).toBe('queued');
    await app.services.replayOutbox();
    await waitFor(() => app.eventsOf('outbox.settled').length === 2, 5000, 'both settled');
    const names = ((await world.client('editor')('project.list')).body as { items: { name: string; createdAt: string }[] }).items
      .filter((p) => p.name === 'First' || p.name === 'Second')
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      .map((p) => p.name);
    expect(names).toEqual(['First', 'Second']);
  });
});
