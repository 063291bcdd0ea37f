import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { parseDocumentName } from '../../../../shared/sync/document-name';
import { messageMaps } from '../../../../shared/sync/conversation-document';
import { userAuthor, writeMessage } from '../support/document-edits';
import { rawConnect } from '../support/raw-sync-client';
import type { RawClient } from '../support/raw-sync-client';
import { waitFor } from '../support/sync-client';
import { startTestServer } from '../support/test-server';
import type { TestServer } from '../support/test-server';
import { createWorld } from '../support/world';
import type { World } from '../support/world';

/*
 * What goes out once updates are stored: every connection receives what others wrote and never
 * its own updates back (the hub merges a batch per connection), and an update that changes
 * nothing, such as the empty answer every client gives to the server's state on connecting, is
 * acknowledged without being stored or sent to anyone.
 */

let server: TestServer;
let world: World;
let docName: string;
const raws: RawClient[] = [];

beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server);
  const created = await world.client('member')('conversation.create', { params: { id: world.projectId }, body: { title: 'Broadcast' } });
  expect(created.status).toBe(201);
  docName = `conversation:${(created.body as { id: string }).id}`;
});

afterAll(async () => {
  for (const raw of raws.splice(0)) raw.close();
  await server.dispose();
});

async function open(role: 'owner' | 'member' | 'viewer'): Promise<RawClient> {
  const raw = rawConnect(server.url, docName, world.actors[role].token);
  raws.push(raw);
  await raw.synced();
  return raw;
}

/** A replica of the server's state whose every change is sent through `raw`, as a provider would. */
function replicaOf(raw: RawClient): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(raw.mirror));
  doc.on('update', (update: Uint8Array) => raw.sendUpdate(update));
  return doc;
}

function storedAll(raw: RawClient, doc: Y.Doc): Promise<void> {
  return waitFor(() => (raw.stored?.get(doc.clientID) ?? 0) >= Y.getState(doc.store, doc.clientID), 5000, 'the stored acknowledgement');
}

function storedRows(): number {
  return (server.server.services.db.prepare('SELECT COUNT(*) AS n FROM doc_updates WHERE doc_name = ?').get(docName) as { n: number }).n;
}

describe('broadcast of stored updates', () => {
  it('sends each client what the others wrote and none of its own updates', async () => {
    const [a, b, watcher] = [await open('member'), await open('owner'), await open('viewer')];
    const [docA, docB] = [replicaOf(a), replicaOf(b)];
    const before = messageMaps(watcher.mirror).length;
    // Written in one go, so that the server is likely to store them together.
    for (let i = 0; i < 5; i++) {
      writeMessage(docA, userAuthor(world.actors.member.userId), `from a ${i}`);
      writeMessage(docB, userAuthor(world.actors.owner.userId), `from b ${i}`);
    }
    await storedAll(a, docA);
    await storedAll(b, docB);
    await waitFor(() => messageMaps(watcher.mirror).length === before + 10, 5000, 'every message at the watcher');
    await waitFor(() => messageMaps(a.mirror).length === before + 5 && messageMaps(b.mirror).length === before + 5, 5000, 'the other writer’s messages');

    expect(a.broadcasts.some((update) => Y.parseUpdateMeta(update).to.has(docA.clientID))).toBe(false);
    expect(b.broadcasts.some((update) => Y.parseUpdateMeta(update).to.has(docB.clientID))).toBe(false);
    expect(a.broadcasts.some((update) => Y.parseUpdateMeta(update).to.has(docB.clientID))).toBe(true);
    const name = parseDocumentName(docName);
    if (!name) throw new Error(`bad name ${docName}`);
    const serverDoc = server.server.hub.load(name).doc;
    expect(Y.encodeStateVector(watcher.mirror)).toEqual(Y.encodeStateVector(serverDoc));
    expect(a.refusals.concat(b.refusals)).toEqual([]);
  });

  it('acknowledges an update that changes nothing, and neither stores nor sends it', async () => {
    const [writer, watcher] = [await open('member'), await open('viewer')];
    // The handshake's own empty answer was acknowledged like any update.
    await waitFor(() => writer.stored !== undefined, 5000, 'the acknowledgement of the handshake');
    const rows = storedRows();
    const broadcasts = watcher.broadcasts.length;

    writer.stored = undefined;
    writer.sendUpdate(Y.encodeStateAsUpdate(new Y.Doc()));
    writer.sendUpdate(Y.encodeStateAsUpdate(writer.mirror));
    await waitFor(() => writer.stored !== undefined, 5000, 'the acknowledgement of updates that change nothing');
    // A real update after both, as a fence: the server handles a connection's messages in order.
    const doc = replicaOf(writer);
    const id = writeMessage(doc, userAuthor(world.actors.member.userId), 'after nothing');
    await storedAll(writer, doc);
    await waitFor(() => watcher.broadcasts.length > broadcasts, 5000, 'the fence at the watcher');

    expect(watcher.broadcasts.length).toBe(broadcasts + 1);
    expect(messageMaps(watcher.mirror).some((message) => message.get('id') === id)).toBe(true);
    expect(storedRows()).toBe(rows + 1);
    expect(writer.refusals).toEqual([]);
  });
});
