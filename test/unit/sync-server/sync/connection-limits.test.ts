import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { parseDocumentName } from '../../../../shared/sync/document-name';
import { closeCode, messageType } from '../../../../shared/sync/sync-protocol';
import { userAuthor, writeMessage } from '../support/document-edits';
import { ok } from '../support/project-fixtures';
import { encodeAwareness, rawConnect } from '../support/raw-sync-client';
import type { RawClient } from '../support/raw-sync-client';
import { connect, waitFor } from '../support/sync-client';
import { startTestServer } from '../support/test-server';
import type { TestServer } from '../support/test-server';
import { createWorld } from '../support/world';
import type { World, WorldRole } from '../support/world';

/*
 * What one person can make the server hold and send is bounded: client ids and presence states
 * per connection and per user, held only while the connection lasts; presence carries the
 * server's identity and a few declared fields, nothing else; the bytes the server sends in answer
 * to requests are budgeted, so a small request cannot make it send whole documents over and over;
 * and message rates are limited per user across all their sockets, not only per socket.
 */

const limits = {
  syncMaxClientIds: 8,
  syncMaxPresencePerUser: 12,
  syncReplyBytesPerSecond: 16 * 1024,
  syncReplyByteBurst: 64 * 1024,
  syncUserMessagesPerSecond: 50,
  syncUserMessageBurst: 100,
};

let server: TestServer;
let world: World;
let docName: string;
const raws: RawClient[] = [];

beforeAll(async () => {
  server = await startTestServer(limits);
  world = await createWorld(server);
  const created = await ok<{ id: string }>(world.client('owner')('conversation.create', { params: { id: world.projectId }, body: { title: 'Limits', kind: 'shared' } }), 'conversation');
  docName = `conversation:${created.id}`;
  // A document worth asking for: about 8 KB, so that the tests' own connections stay well inside the budgets.
  const writer = connect(server.url, docName, world.actors.owner.token);
  await writer.synced();
  writeMessage(writer.doc, userAuthor(world.actors.owner.userId), 'long '.repeat(1_600));
  await writer.storedAll();
  writer.destroy();
});

afterAll(async () => {
  for (const raw of raws) raw.close();
  await server.dispose();
});

async function open(role: WorldRole): Promise<RawClient> {
  const raw = rawConnect(server.url, docName, world.actors[role].token);
  raws.push(raw);
  await raw.synced();
  return raw;
}

function live() {
  const name = parseDocumentName(docName);
  if (!name) throw new Error('bad name');
  return server.server.hub.load(name);
}

const states = (clients: readonly number[], state: unknown = { viewing: true }) => encodeAwareness(clients.map((client) => ({ client, clock: 1, state })));
const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

function boundInStorage(clients: readonly number[]): number {
  const db = server.server.services.db;
  return clients.filter((client) => db.prepare('SELECT 1 FROM doc_clients WHERE doc_name = ? AND client_id = ?').get(docName, client) !== undefined).length;
}

describe('client ids and presence states', () => {
  it('closes 4429 a connection that claims more client ids than its limit, binding none of them for good', async () => {
    const viewer = await open('viewer');
    const first = range(900_000, limits.syncMaxClientIds);
    viewer.sendAwareness(states(first));
    await waitFor(() => first.every((client) => live().awareness.getStates().has(client)), 5000, 'the first states');
    viewer.sendAwareness(states(range(900_100, 50)));
    expect((await viewer.whenClosed()).code).toBe(closeCode.rateLimited);

    const all = [...first, ...range(900_100, 50)];
    await waitFor(() => all.every((client) => !live().awareness.getStates().has(client)), 5000, 'the states to go with the connection');
    expect(all.filter((client) => live().awareness.meta.has(client))).toEqual([]);
    expect(all.filter((client) => live().clients.has(client))).toEqual([]);
    expect(boundInStorage(all)).toBe(0);
    const reader = await open('editor');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(reader.awareness.map((update) => update.length).reduce((a, b) => a + b, 0)).toBeLessThan(200);
  });

  it("closes 4429 the connection that takes a user's presence states past the user's limit, and only that one", async () => {
    const sockets = [await open('viewer'), await open('viewer'), await open('viewer')];
    const bystander = await open('member');
    sockets[0]?.sendAwareness(states(range(910_000, 5)));
    sockets[1]?.sendAwareness(states(range(910_100, 5)));
    await waitFor(() => live().awareness.getStates().has(910_104), 5000, 'ten states');
    sockets[2]?.sendAwareness(states(range(910_200, 5)));
    expect((await sockets[2]?.whenClosed())?.code).toBe(closeCode.rateLimited);
    expect(sockets[0]?.closed).toBeUndefined();
    expect(sockets[1]?.closed).toBeUndefined();
    expect(bystander.closed).toBeUndefined();
  });

  it('keeps only the declared presence fields, under the identity the server stamps', async () => {
    const member = await open('member');
    const editor = connect(server.url, docName, world.actors.editor.token);
    try {
      await editor.synced();
      const client = 920_001;
      member.sendAwareness(
        encodeAwareness([
          { client, clock: 1, state: { name: 'The administrator', userId: world.actors.owner.userId, note: 'x'.repeat(1000), cursor: { index: 3 }, typing: 'yes', viewing: true } },
        ]),
      );
      await waitFor(() => editor.provider.awareness.getStates().has(client), 5000, 'the member presence');
      expect(editor.provider.awareness.getStates().get(client)).toEqual({
        cursor: { index: 3 },
        viewing: true,
        user: { id: world.actors.member.userId, name: world.actors.member.name },
      });
    } finally {
      editor.destroy();
    }
  });
});

describe('bytes sent in answer to requests', () => {
  it('closes 4429 a connection that keeps asking for the whole document', async () => {
    const viewer = await open('admin');
    let received = 0;
    viewer.ws.on('message', (data: Buffer) => {
      received += data.length;
    });
    const askForEverything = (() => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, messageType.sync);
      syncProtocol.writeSyncStep1(encoder, new Y.Doc());
      return encoding.toUint8Array(encoder);
    })();
    const documentBytes = Y.encodeStateAsUpdate(live().doc).length;
    expect(documentBytes).toBeGreaterThan(5_000);
    for (let i = 0; i < 40 && viewer.closed === undefined; i++) viewer.send(askForEverything);
    expect((await viewer.whenClosed()).code).toBe(closeCode.rateLimited);
    expect(received).toBeLessThan(limits.syncReplyByteBurst + 2 * documentBytes);
  });
});

describe('message rates per user', () => {
  it("closes 4429 when one user's sockets together send more than the user's limit, and leaves others alone", async () => {
    const sockets = await Promise.all([open('member'), open('member'), open('member'), open('member')]);
    const other = await open('editor');
    const query = new Uint8Array([messageType.queryAwareness]);
    // 40 each: far under the per-socket burst, 160 together: over the user's.
    for (let i = 0; i < 40; i++) for (const socket of sockets) socket.send(query);
    await waitFor(() => sockets.some((socket) => socket.closed !== undefined), 5000, 'a close');
    expect(sockets.flatMap((socket) => (socket.closed ? [socket.closed.code] : []))).toContain(closeCode.rateLimited);
    for (let i = 0; i < 20; i++) other.send(query);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(other.closed).toBeUndefined();
  });
});
