import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentName } from '../../../../shared/sync/document-name';
import { appendMessage, messageList, messageMaps } from '../../../../shared/sync/conversation-document';
import { createDispatch } from '../../../../main/app-api/dispatch';
import type { Dispatch } from '../../../../main/app-api/dispatch';
import { localModules } from '../../../../main/app/local-modules';
import { interruptedNotice } from '../../../../main/agents/interrupted-runs';
import { createRunJournal } from '../../../../main/agents/run-journal';
import { contentOf, draftMessage, messageById } from '../../sync-server/support/document-edits';
import { startTestServer } from '../../sync-server/support/test-server';
import type { TestServer } from '../../sync-server/support/test-server';
import { connect, waitFor } from '../../sync-server/support/sync-client';
import { createWorld, password } from '../../sync-server/support/world';
import type { World } from '../../sync-server/support/world';
import { openApp } from '../support/app-harness';
import type { AppHarness } from '../support/app-harness';

/** The app services wired to the real replica, document store and sync client. */
describe('app services', () => {
  let server: TestServer;
  let world: World;
  let app: AppHarness;
  let call: Dispatch;

  beforeAll(async () => {
    server = await startTestServer();
    world = await createWorld(server);
    app = await openApp({ modules: localModules });
    call = createDispatch(app.services.handlers, (error) => {
      throw error;
    });
  });

  afterAll(async () => {
    await app.dispose();
    await server.dispose();
  });

  it('refuses what needs a session before signing in', async () => {
    expect(await call('session.get', {})).toMatchObject({ ok: true, value: { status: 'signed-out' } });
    expect(await call('documents.open', { name: documentName('project', world.projectId) })).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(await call('directory.request', { endpoint: 'project.list' })).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(await call('directory.list', { kind: 'project' })).toEqual({ ok: true, value: { items: [] } });
  });

  it('signs in, replicates the directory and the roles, and reports being online', async () => {
    expect(await call('session.signIn', { serverUrl: server.url, email: world.actors.editor.email, password })).toMatchObject({
      ok: true,
      value: { status: 'signed-in', mode: 'team', user: { email: world.actors.editor.email } },
    });
    await waitFor(() => app.eventsOf('directory.changed').length > 0, 5000, 'directory');
    const projects = (await call('directory.list', { kind: 'project' })) as { ok: true; value: { items: { id: string }[] } };
    expect(projects.value.items.map((p) => p.id)).toContain(world.projectId);
    await waitFor(() => app.services.connectivity.online === true, 5000, 'online');
    expect(await call('directory.myRoles', {})).toMatchObject({ ok: true, value: { orgRole: 'member', projects: { [world.projectId]: 'editor' } } });
    expect(await call('sync.state', {})).toMatchObject({ ok: true, value: { online: true, outboxPending: 0 } });
    expect(await call('search.project', { projectId: world.projectId, query: 'anything' })).toEqual({ ok: true, value: { hits: [] } });
  });

  it('opens a project document and carries edits as base64 Yjs updates', async () => {
    const name = documentName('project', world.projectId);
    const opened = (await call('documents.open', { name })) as { ok: true; value: { update: string; state: { name: string } } };
    expect(opened.ok).toBe(true);
    expect(opened.value.state.name).toBe(name);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Buffer.from(opened.value.update, 'base64'));
    await waitFor(() => app.eventsOf('documents.state').some((s) => s.name === name && s.status === 'synced'), 10_000, 'synced');
    expect(await call('documents.close', { name })).toEqual({ ok: true, value: {} });
    expect(await call('documents.update', { name, update: 'not base64!' })).toMatchObject({ ok: false, error: { code: 'bad_request', field: 'update' } });
  });

  it('indexes conversation documents for project search, and refuses locally what the server would', async () => {
    const created = (await call('directory.request', {
      endpoint: 'conversation.create',
      params: { id: world.projectId },
      body: { title: 'Launch', kind: 'shared' },
    })) as { ok: true; value: { status: 'applied'; response: { id: string } } };
    expect(created.value.status).toBe('applied');
    const conversationId = created.value.response.id;
    await waitFor(() => {
      const listed = app.services.handlers['directory.list']({ kind: 'conversation', projectId: world.projectId });
      return (listed as { items: { id: string }[] }).items.some((c) => c.id === conversationId);
    }, 10_000, 'conversation replicated');

    const name = documentName('conversation', conversationId);
    const opened = (await call('documents.open', { name })) as { ok: true; value: { update: string } };
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Buffer.from(opened.value.update, 'base64'));
    const edit = (author: string, text: string) => {
      const before = Y.encodeStateVector(doc);
      appendMessage(doc, { id: `msg_${String(Math.random()).slice(2, 22).padEnd(20, '0')}`, author: { kind: 'user', userId: author }, createdAt: new Date().toISOString(), text });
      return Buffer.from(Y.encodeStateAsUpdate(doc, before)).toString('base64');
    };

    expect(await call('documents.update', { name, update: edit(world.actors.editor.userId, 'The rollout needs a canary stage') })).toEqual({ ok: true, value: {} });
    await waitFor(() => {
      const found = app.services.handlers['search.project']({ projectId: world.projectId, query: 'canary', limit: 10 });
      return (found as { hits: unknown[] }).hits.length === 1;
    }, 10_000, 'message indexed');

    const refused = await call('documents.update', { name, update: edit(world.actors.owner.userId, 'written in the owner’s name') });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/must name you as its author/) } });
    expect(await call('documents.close', { name })).toEqual({ ok: true, value: {} });
  });

  it('keeps settings on this device', async () => {
    expect(await call('settings.get', {})).toEqual({ ok: true, value: { theme: 'system' } });
    expect(await call('settings.set', { theme: 'light' })).toEqual({ ok: true, value: { theme: 'light' } });
    expect(await call('settings.get', {})).toEqual({ ok: true, value: { theme: 'light' } });
  });

  it('ends, when the account opens, the answers its runs left streaming when the app last closed', async () => {
    const editor = world.actors.editor;
    const as = world.as('editor');
    const conversation = await as('POST', `/projects/${world.projectId}/conversations`, { body: { title: 'Cut off', kind: 'shared' } });
    const conversationId = (conversation.body as { id: string }).id;
    const model = await as('POST', '/model-registry', {
      body: { name: 'Local', provider: { baseUrl: 'http://127.0.0.1:11434/v1', model: 'llama3.1:8b' }, visibility: { level: 'project', projectId: world.projectId } },
    });
    const agents = (await as('GET', '/agent-registry')).body as { items: { id: string; isDefault: boolean }[] };
    const agentId = agents.items.find((agent) => agent.isDefault)?.id ?? '';
    // The answer as this device's last run left it: streaming, with the journal still naming it.
    const watcher = connect(server.url, documentName('conversation', conversationId), editor.token);
    await watcher.synced();
    const answer = draftMessage({ kind: 'agent', agentId, modelId: (model.body as { id: string }).id, runBy: editor.userId }, 'Half an');
    answer.set('status', 'streaming');
    messageList(watcher.doc).push([answer]);
    await watcher.storedAll();
    expect(watcher.refusals).toEqual([]);
    const messageId = answer.get('id') as string;
    // This device holds the answer, as it does after writing it: its runs store each edit here first.
    const name = documentName('conversation', conversationId);
    const local = new Y.Doc();
    const opened = (await call('documents.open', { name })) as { ok: true; value: { update: string } };
    Y.applyUpdate(local, Buffer.from(opened.value.update, 'base64'));
    await waitFor(
      () => {
        for (const event of app.eventsOf('documents.updated')) if (event.name === name) Y.applyUpdate(local, Buffer.from(event.update, 'base64'));
        return messageMaps(local).length === 1;
      },
      10_000,
      'the answer on this device',
    );
    expect(await call('documents.close', { name })).toEqual({ ok: true, value: {} });
    const { account } = app.db.prepare('SELECT account FROM app_session').get() as { account: string };
    const journal = createRunJournal(app.db);
    journal.started({ account, conversationId, messageId, startedAt: new Date().toISOString() });

    expect(await call('session.signOut', {})).toMatchObject({ ok: true });
    expect(await call('session.signIn', { serverUrl: server.url, email: editor.email, password })).toMatchObject({ ok: true, value: { status: 'signed-in' } });
    await waitFor(() => messageById(watcher.doc, messageId).get('status') === 'error', 10_000, 'the answer ended');
    expect(contentOf(messageById(watcher.doc, messageId)).toString()).toBe(`Half an\n\n${interruptedNotice}`);
    expect(journal.unfinished(account)).toEqual([]);
    watcher.destroy();
  });

  it('signs out: the session ends and the local modules close', async () => {
    expect(await call('session.signOut', {})).toMatchObject({ ok: true, value: { status: 'signed-out' } });
    expect(await call('directory.list', { kind: 'project' })).toEqual({ ok: true, value: { items: [] } });
    expect(await call('sync.state', {})).toMatchObject({ ok: true, value: { online: false, documents: [] } });
    expect(await call('outbox.list', {})).toEqual({ ok: true, value: [] });
  });
});
