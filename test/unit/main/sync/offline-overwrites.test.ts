import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DocumentKind } from '../../../../shared/sync/document-name';
import { newEntityId } from '../../../../shared/domain/new-entity-id';
import { contentJson, contentOf, messageById, userAuthor, writeMessage } from '../../sync-server/support/document-edits';
import { ok } from '../../sync-server/support/project-fixtures';
import { connect, waitFor } from '../../sync-server/support/sync-client';
import { startTestServer } from '../../sync-server/support/test-server';
import type { TestServer } from '../../sync-server/support/test-server';
import { createWorld } from '../../sync-server/support/world';
import type { World } from '../../sync-server/support/world';
import { openDesktop } from './support/desktop';
import type { Desktop } from './support/desktop';

/*
 * Offline work that overwrites its own values, through the desktop's real reconnect path (its
 * document store and sync manager): a setting changed twice, an agent answer streamed and then
 * completed, a conversation listed and renamed, and a setting two people changed at once. Yjs sends
 * each overwritten value as deleted content when the desktop answers the server's state; the server
 * takes all of it, and every desktop ends with the server's documents and nothing refused.
 */

let server: TestServer;
let world: World;
let editor: Desktop;
let member: Desktop;
let owner: Desktop;
let conversation: string;
let project: string;
let agentId: string;

async function serverContent(kind: DocumentKind, name: string): Promise<Record<string, unknown>> {
  const client = connect(server.url, name, world.actors.owner.token);
  try {
    await client.synced();
    return contentJson(kind, client.doc);
  } finally {
    client.destroy();
  }
}

beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server);
  const created = await ok<{ id: string }>(world.client('owner')('conversation.create', { params: { id: world.projectId }, body: { title: 'Answers', kind: 'shared' } }), 'conversation');
  conversation = `conversation:${created.id}`;
  project = `project:${world.projectId}`;
  const agent = await ok<{ id: string }>(
    world.client('member')('agent.create', { body: { name: 'Scribe', systemPrompt: 'Write it down.', visibility: { level: 'project', projectId: world.projectId } } }),
    'agent',
  );
  agentId = agent.id;
  editor = openDesktop({ serverUrl: server.url, token: world.actors.editor.token });
  member = openDesktop({ serverUrl: server.url, token: world.actors.member.token });
  owner = openDesktop({ serverUrl: server.url, token: world.actors.owner.token });
});

afterAll(async () => {
  for (const desktop of [editor, member, owner]) desktop?.dispose();
  await server?.dispose();
});

describe('overwrites made offline, sent as the desktop reconnects', () => {
  it('are all taken, and every desktop converges with the server', async () => {
    const desktops = [editor, member, owner];
    for (const desktop of desktops) {
      desktop.sync.open(conversation);
      desktop.sync.open(project);
    }
    for (const desktop of desktops) {
      await desktop.synced(conversation);
      await desktop.synced(project);
    }

    await server.stop();
    await waitFor(() => desktops.every((d) => d.state(project).status === 'offline'), 10_000, 'all offline');

    // The editor changes a setting twice; the owner changes the same setting once, at the same time.
    const settings = (desktop: Desktop) => desktop.sync.document(project).getMap('settings');
    settings(editor).set('systemPromptOverride', 'Draft prompt');
    settings(editor).set('systemPromptOverride', 'Final prompt');
    settings(owner).set('systemPromptOverride', 'Owner prompt');

    // The member's app streams an agent answer to its end, then lists a conversation and renames it.
    const memberId = world.actors.member.userId;
    const chat = member.sync.document(conversation);
    const answerId = writeMessage(chat, { kind: 'agent', agentId, modelId: 'mdl_anymodelanymodelany', runBy: memberId }, '');
    messageById(chat, answerId).set('status', 'streaming');
    contentOf(messageById(chat, answerId)).insert(0, 'Here is the summary.');
    messageById(chat, answerId).set('status', 'complete');
    const listed = newEntityId('cnv');
    const index = member.sync.document(project).getMap('conversations');
    const entry = new Y.Map<unknown>();
    index.set(listed, entry);
    for (const [key, value] of Object.entries({ id: listed, title: 'Draft title', kind: 'shared', createdBy: memberId, createdAt: new Date().toISOString() })) entry.set(key, value);
    (index.get(listed) as Y.Map<unknown>).set('title', 'Launch notes');
    writeMessage(chat, userAuthor(memberId), 'Summary attached.');

    // Back at a new address, which each desktop is told.
    server = await startTestServer({ dataDir: server.dataDir });
    for (const desktop of desktops) desktop.sync.setServerUrl(server.url);
    for (const desktop of desktops) {
      await desktop.synced(conversation, 15_000);
      await desktop.synced(project, 15_000);
    }

    for (const desktop of desktops) expect(desktop.states.filter((s) => s.status === 'refused')).toEqual([]);
    const onServer = { conversation: await serverContent('conversation', conversation), project: await serverContent('project', project) };
    await waitFor(
      () => desktops.every((d) => JSON.stringify(contentJson('project', d.sync.document(project))) === JSON.stringify(onServer.project)),
      10_000,
      'the project document on every desktop',
    );
    await waitFor(
      () => desktops.every((d) => JSON.stringify(contentJson('conversation', d.sync.document(conversation))) === JSON.stringify(onServer.conversation)),
      10_000,
      'the conversation on every desktop',
    );
    const prompt = (onServer.project['settings'] as Record<string, unknown>)['systemPromptOverride'];
    expect(['Final prompt', 'Owner prompt']).toContain(prompt);
    const answer = (onServer.conversation['messages'] as Record<string, unknown>[]).find((m) => m['id'] === answerId);
    expect(answer).toMatchObject({ status: 'complete', content: 'Here is the summary.' });
    // The conversation listed offline is in the directory under its last title.
    const listing = await ok<{ items: { id: string; title: string }[] }>(
      server.request('GET', `/projects/${world.projectId}/conversations`, { token: world.actors.editor.token }),
      'list',
    );
    expect(listing.items.find((c) => c.id === listed)?.title).toBe('Launch notes');
  });
});
