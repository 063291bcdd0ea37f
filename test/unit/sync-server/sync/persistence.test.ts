import { afterEach, describe, expect, it } from 'vitest';
import type { DocumentKind } from '../../../../shared/sync/document-name';
import type { ServerConfigInput } from '../../../../sync-server/config';
import { contentJson, contentOf, messageById, ratingsOf, stateVectorOf, userAuthor, writeMessage } from '../support/document-edits';
import { rawConnect } from '../support/raw-sync-client';
import { connect, waitFor } from '../support/sync-client';
import type { SyncClient } from '../support/sync-client';
import { startTestServer } from '../support/test-server';
import type { TestServer } from '../support/test-server';
import { createWorld } from '../support/world';
import type { World } from '../support/world';

/*
 * What a document holds survives the server: a restart on the same data directory, compaction
 * of stored updates into a snapshot, and unloading an idle document all give back the same state.
 */

const servers: TestServer[] = [];
const clients: SyncClient[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  // The servers of one test share a data directory: stop them all before removing it.
  const stopped = servers.splice(0);
  for (const server of stopped) await server.stop();
  for (const server of stopped) await server.dispose();
});

async function start(config: Partial<ServerConfigInput> = {}): Promise<TestServer> {
  const server = await startTestServer(config);
  servers.push(server);
  return server;
}

function join(server: TestServer, docName: string, token: string): SyncClient {
  const client = connect(server.url, docName, token);
  clients.push(client);
  return client;
}

interface Written {
  readonly world: World;
  readonly conversation: string;
  readonly project: string;
  readonly expected: Record<DocumentKind, { content: Record<string, unknown>; state: Record<number, number> }>;
  /** The owner's Yjs client id in the conversation. */
  readonly ownerClient: number;
}

/** Messages, an edit, a rating and a settings change, each acknowledged as stored. */
async function writeSomething(server: TestServer, world: World): Promise<Written> {
  const created = await world.client('member')('conversation.create', { params: { id: world.projectId }, body: { title: 'Kept' } });
  expect(created.status).toBe(201);
  const conversation = `conversation:${(created.body as { id: string }).id}`;
  const project = `project:${world.projectId}`;
  const owner = join(server, conversation, world.actors.owner.token);
  const member = join(server, conversation, world.actors.member.token);
  const settings = join(server, project, world.actors.editor.token);
  for (const c of [owner, member, settings]) await c.synced();

  const first = writeMessage(owner.doc, userAuthor(world.actors.owner.userId), 'Remember this');
  await owner.storedAll();
  await waitFor(() => member.doc.getArray('messages').length === 1, 5000, 'the message at the member');
  const reply = writeMessage(member.doc, userAuthor(world.actors.member.userId), 'And this');
  contentOf(messageById(member.doc, reply)).insert(0, 'Also: ');
  ratingsOf(messageById(member.doc, first)).set(world.actors.member.userId, 5);
  settings.doc.getMap('settings').set('systemPromptOverride', 'Keep it short.');
  for (const c of [owner, member, settings]) await c.storedAll();
  await waitFor(() => JSON.stringify(stateVectorOf(owner.doc)) === JSON.stringify(stateVectorOf(member.doc)), 5000, 'owner and member to agree');
  for (const c of [owner, member, settings]) expect(c.refusals).toEqual([]);

  return {
    world,
    conversation,
    project,
    expected: {
      conversation: { content: contentJson('conversation', member.doc), state: stateVectorOf(member.doc) },
      project: { content: contentJson('project', settings.doc), state: stateVectorOf(settings.doc) },
      workgroup: { content: {}, state: {} },
    },
    ownerClient: owner.doc.clientID,
  };
}

/** Loads a document through a fresh provider and compares it with what was written. */
async function expectSame(server: TestServer, written: Written, kind: 'conversation' | 'project'): Promise<void> {
  const reader = join(server, kind === 'conversation' ? written.conversation : written.project, written.world.actors.viewer.token);
  await reader.synced();
  expect(contentJson(kind, reader.doc)).toEqual(written.expected[kind].content);
  expect(stateVectorOf(reader.doc)).toEqual(written.expected[kind].state);
}

/** Authorship survives too: the owner's client id still writes for the owner only. */
async function expectOwnerClientStillBound(server: TestServer, written: Written): Promise<void> {
  const raw = rawConnect(server.url, written.conversation, written.world.actors.member.token);
  await raw.synced();
  raw.write((doc) => writeMessage(doc, userAuthor(written.world.actors.member.userId), 'Borrowed id'), written.ownerClient);
  await waitFor(() => raw.refusals.length > 0, 5000, 'the refusal');
  expect(raw.refusals[0]).toMatch(/belongs to another user/);
  raw.close();
}

function storedRows(server: TestServer, docName: string): { updates: number; snapshot: boolean } {
  const db = server.server.services.db;
  const updates = (db.prepare('SELECT COUNT(*) AS n FROM doc_updates WHERE doc_name = ?').get(docName) as { n: number }).n;
  const snapshot = db.prepare('SELECT 1 FROM doc_snapshots WHERE doc_name = ?').get(docName) !== undefined;
  return { updates, snapshot };
}

describe('restart', () => {
  it('gives back every stored document after a restart on the same data directory', async () => {
    const first = await start();
    const world = await createWorld(first);
    const written = await writeSomething(first, world);
    for (const client of clients.splice(0)) client.destroy();
    await first.stop();

    const second = await start({ dataDir: first.dataDir });
    await expectSame(second, written, 'conversation');
    await expectSame(second, written, 'project');
    await expectOwnerClientStillBound(second, written);
    // The directory agrees with the document it mirrors.
    const viewerConfig = await second.request('GET', `/projects/${world.projectId}/config`, { token: world.actors.viewer.token });
    expect(viewerConfig.status).toBe(200);
    expect(JSON.stringify(viewerConfig.body)).toContain('Keep it short.');
  });
});

describe('compaction', () => {
  it('folds stored updates into a snapshot and keeps the same state', async () => {
    const first = await start({ compactAfterUpdates: 5 });
    const world = await createWorld(first);
    const created = await world.client('member')('conversation.create', { params: { id: world.projectId }, body: { title: 'Many' } });
    const docName = `conversation:${(created.body as { id: string }).id}`;
    const writer = join(first, docName, world.actors.member.token);
    await writer.synced();
    for (let i = 0; i < 20; i++) {
      writeMessage(writer.doc, userAuthor(world.actors.member.userId), `update ${i}`);
      await writer.storedAll();
    }
    const rows = storedRows(first, docName);
    expect(rows.snapshot).toBe(true);
    expect(rows.updates).toBeLessThan(5);
    const expected = { content: contentJson('conversation', writer.doc), state: stateVectorOf(writer.doc) };
    expect((expected.content['messages'] as unknown[]).length).toBe(20);

    // Right after compaction, and after a restart, the document is the same.
    const reader = join(first, docName, world.actors.viewer.token);
    await reader.synced();
    expect(contentJson('conversation', reader.doc)).toEqual(expected.content);
    for (const client of clients.splice(0)) client.destroy();
    await first.stop();
    const second = await start({ dataDir: first.dataDir, compactAfterUpdates: 5 });
    const again = join(second, docName, world.actors.viewer.token);
    await again.synced();
    expect(contentJson('conversation', again.doc)).toEqual(expected.content);
    expect(stateVectorOf(again.doc)).toEqual(expected.state);
  });
});

describe('idle unload', () => {
  it('unloads a document once its last client leaves, and reloads the same state', async () => {
    const server = await start({ syncIdleUnloadMs: 50 });
    const world = await createWorld(server);
    const written = await writeSomething(server, world);
    expect(server.server.hub.loaded).toBeGreaterThan(0);
    for (const client of clients.splice(0)) client.destroy();
    await waitFor(() => server.server.hub.loaded === 0, 5000, 'the documents to unload');
    // Unloading compacted what was stored since the last snapshot.
    expect(storedRows(server, written.conversation)).toEqual({ updates: 0, snapshot: true });

    await expectSame(server, written, 'conversation');
    await expectSame(server, written, 'project');
    expect(server.server.hub.loaded).toBe(2);
    await expectOwnerClientStillBound(server, written);
  });

  it('keeps a document loaded while anyone is connected', async () => {
    const server = await start({ syncIdleUnloadMs: 50 });
    const world = await createWorld(server);
    const created = await world.client('member')('conversation.create', { params: { id: world.projectId }, body: { title: 'Busy' } });
    const docName = `conversation:${(created.body as { id: string }).id}`;
    const stays = join(server, docName, world.actors.member.token);
    const leaves = join(server, docName, world.actors.owner.token);
    await stays.synced();
    await leaves.synced();
    leaves.destroy();
    // Several idle periods pass; the remaining client keeps the document in memory and usable.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(server.server.hub.loaded).toBe(1);
    writeMessage(stays.doc, userAuthor(world.actors.member.userId), 'Still loaded');
    await stays.storedAll();
    expect(stays.closes).toEqual([]);
  });
});
