import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { messageMaps } from '../../../../shared/sync/conversation-document';
import { userAuthor, writeMessage } from '../support/document-edits';
import { freshProject, ok } from '../support/project-fixtures';
import { rawConnect } from '../support/raw-sync-client';
import type { RawClient } from '../support/raw-sync-client';
import { connect, waitFor } from '../support/sync-client';
import type { SyncClient } from '../support/sync-client';
import { startTestServer } from '../support/test-server';
import type { TestServer } from '../support/test-server';
import { createWorld } from '../support/world';
import type { Actor, World, WorldRole } from '../support/world';
import { typedClient } from '../support/typed-client';

/*
 * What keeps the sync path short: a directory change re-checks only the connections it names;
 * a burst is stored in bounded batches, each sent as soon as it is stored; and the message
 * search index follows the stored messages afterwards, catching up from storage if the server
 * stopped before it did.
 */

let server: TestServer;
let world: World;
const clients: SyncClient[] = [];
const raws: RawClient[] = [];

beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server);
});

afterAll(async () => {
  for (const client of clients) client.destroy();
  for (const raw of raws) raw.close();
  await server.dispose();
});

async function conversationIn(projectId: string, title: string): Promise<string> {
  const created = await ok<{ id: string }>(world.client('owner')('conversation.create', { params: { id: projectId }, body: { title, kind: 'shared' } }), title);
  return created.id;
}

async function join(docName: string, role: 'owner' | 'editor' | 'member' | 'viewer'): Promise<SyncClient> {
  const client = connect(server.url, docName, world.actors[role].token);
  clients.push(client);
  await client.synced();
  return client;
}

describe('re-checks after directory changes', () => {
  it('re-checks only the connections a change names, and none for a new conversation', async () => {
    const project = await freshProject(world);
    const conversation = await conversationIn(project.id, 'Watched');
    // Four people on two documents of one project, and one on a document of another.
    for (const role of ['editor', 'member', 'viewer'] as const) {
      await join(`conversation:${conversation}`, role);
      await join(`project:${project.id}`, role);
    }
    await join(`project:${world.projectId}`, 'member');
    const settled = async () => waitFor(() => server.server.hub.rechecks.waiting === 0, 5000, 'the re-checks');
    await settled();
    const before = server.server.hub.rechecks.done;

    await conversationIn(project.id, 'Another');
    await settled();
    expect(server.server.hub.rechecks.done).toBe(before);

    // The viewer's role changes: their two connections, and no one else's.
    await ok(world.client('owner')('project.member.update', { params: { id: project.id, uid: world.actors.viewer.userId }, body: { role: 'member' } }), 'promote');
    await settled();
    expect(server.server.hub.rechecks.done).toBe(before + 2);
  });
});

describe('a burst', () => {
  it('is stored in several bounded batches, every update acknowledged and received', async () => {
    const conversation = await conversationIn(world.projectId, 'Burst');
    const docName = `conversation:${conversation}`;
    const watcher = await join(docName, 'viewer');
    const raw = rawConnect(server.url, docName, world.actors.member.token);
    raws.push(raw);
    await raw.synced();
    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(raw.mirror));
    const updates: Uint8Array[] = [];
    replica.on('update', (update: Uint8Array) => updates.push(update));
    const db = server.server.services.db;
    const seqBefore = (db.prepare('SELECT COALESCE(MAX(seq), 0) AS seq FROM doc_updates').get() as { seq: number }).seq;
    // 1,800 messages sent at once (inside the per-socket burst): more than one batch may take.
    for (let i = 0; i < 1_800; i++) writeMessage(replica, userAuthor(world.actors.member.userId), `burst ${i}`);
    for (const update of updates) raw.sendUpdate(update);
    const end = Y.getState(replica.store, replica.clientID);
    await waitFor(() => (raw.stored?.get(replica.clientID) ?? 0) >= end, 20_000, 'every update stored');
    await waitFor(() => messageMaps(watcher.doc).length === 1_800, 20_000, 'every update received');
    // One sender's updates are merged into one row per batch: no row holds more than a batch may take.
    const clocksOf = (update: Uint8Array) => {
      const meta = Y.parseUpdateMeta(update);
      return (meta.to.get(replica.clientID) ?? 0) - (meta.from.get(replica.clientID) ?? 0);
    };
    const largestUpdate = Math.max(...updates.map(clocksOf));
    const rows = (db.prepare('SELECT update_data FROM doc_updates WHERE doc_name = ? AND seq > ?').all(docName, seqBefore) as { update_data: Buffer }[]).map((row) => clocksOf(row.update_data));
    expect(rows.length).toBeGreaterThan(1);
    for (const clocks of rows) expect(clocks).toBeLessThanOrEqual(1_000 * largestUpdate);
    expect(rows.reduce((a, b) => a + b, 0)).toBe(end);
    expect(raw.refusals).toEqual([]);
  });
});

describe('the message search index', () => {
  async function search(term: string): Promise<string[]> {
    const found = await ok<{ items: { snippet: string }[] }>(world.client('viewer')('project.search', { params: { id: world.projectId }, query: { q: String(term) } }), 'search');
    return found.items.map((hit) => hit.snippet);
  }

  it('follows stored messages, and catches up from storage after a stop before it did', async () => {
    const conversation = await conversationIn(world.projectId, 'Indexed');
    const writer = await join(`conversation:${conversation}`, 'member');
    writeMessage(writer.doc, userAuthor(world.actors.member.userId), 'The marmalade shipment is late.');
    await writer.storedAll();
    expect(await search('marmalade')).toEqual(['The marmalade shipment is late.']);

    // As if the server had stopped after storing and before indexing: the text is gone from the
    // index and the conversation still marked.
    const db = server.server.services.db;
    db.prepare('DELETE FROM message_texts WHERE conversation_id = ?').run(conversation);
    db.prepare('INSERT INTO message_index_backlog (conversation_id) VALUES (?)').run(conversation);
    writer.destroy();
    await server.stop();
    server = await startTestServer({ dataDir: server.dataDir });
    const tokenOf = (who: WorldRole | Actor) => (typeof who === 'string' ? world.actors[who] : who).token;
    world = {
      ...world,
      as: (who) => (method, path, options = {}) => server.request(method, path, { ...options, token: tokenOf(who) }),
      client: (who) => typedClient(server, tokenOf(who)),
    };
    expect(await search('marmalade')).toEqual(['The marmalade shipment is late.']);
    expect(server.server.services.db.prepare('SELECT COUNT(*) AS n FROM message_index_backlog').get()).toEqual({ n: 0 });
  });
});
