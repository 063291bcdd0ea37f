import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { closeCode } from '../../../../shared/sync/sync-protocol';
import { craftUpdate, itemOf, stringInRoot, valuesUnder } from '../../shared/sync/crafted-update';
import { messageMaps } from '../../../../shared/sync/conversation-document';
import { contentOf, messageById, userAuthor, writeMessage } from '../support/document-edits';
import { rawConnect } from '../support/raw-sync-client';
import { connect, waitFor } from '../support/sync-client';
import type { SyncClient } from '../support/sync-client';
import { startTestServer } from '../support/test-server';
import type { TestServer } from '../support/test-server';
import { createWorld } from '../support/world';
import type { World } from '../support/world';

/*
 * What happens when Yjs fails half-way through an update it was given. The guard refuses every shape
 * known to do that, so this server runs without it to reach Yjs at all: the update below writes a
 * text under one client and an empty struct under another, which makes Yjs throw once the text is
 * already in memory. Nothing of it
 * may outlive the failure: not in memory, not on disk, not at any client.
 */

let server: TestServer;
let world: World;
let docName: string;
let ownerMessageId: string;
const clients: SyncClient[] = [];

beforeAll(async () => {
  server = await startTestServer({}, { guard: false });
  world = await createWorld(server);
  const conversation = await world.client('member')('conversation.create', { params: { id: world.projectId }, body: { title: 'Plans', kind: 'shared' } });
  expect(conversation.status).toBe(201);
  docName = `conversation:${(conversation.body as { id: string }).id}`;
  const owner = connect(server.url, docName, world.actors.owner.token);
  clients.push(owner);
  await owner.synced();
  ownerMessageId = writeMessage(owner.doc, userAuthor(world.actors.owner.userId), 'Kept as written.');
  await owner.storedAll();
});

afterAll(async () => {
  for (const client of clients) client.destroy();
  await server.dispose();
});

describe('an update that fails half-way in Yjs', () => {
  it('leaves nothing behind: the document is reloaded from storage, and everyone reconnects to it', async () => {
    const bystander = connect(server.url, docName, world.actors.editor.token);
    clients.push(bystander);
    await bystander.synced();
    await waitFor(() => messageMaps(bystander.doc).length === 1, 5000, 'the message at the bystander');

    const raw = rawConnect(server.url, docName, world.actors.member.token);
    await raw.synced();
    const message = itemOf(messageById(raw.mirror, ownerMessageId));
    raw.sendUpdate(
      craftUpdate([
        { client: 0x8888, clock: 0, structs: [stringInRoot('ghost', 'half-applied')] },
        { client: 0x7777, clock: 0, structs: [valuesUnder(message, 'content', [0])] },
      ]),
    );

    const closed = await raw.whenClosed();
    expect(closed.code).toBe(closeCode.goingAway);
    expect(raw.refusals).toEqual(['The update cannot be applied to this document.']);
    await waitFor(() => bystander.closes.some((c) => c.code === closeCode.goingAway), 5000, 'the bystander sent away');

    // A newcomer, the reconnected bystander and the server's own copy all hold the stored document only.
    const newcomer = connect(server.url, docName, world.actors.viewer.token);
    clients.push(newcomer);
    await newcomer.synced();
    await waitFor(() => bystander.provider.synced && bystander.provider.wsconnected, 5000, 'the bystander back');
    for (const doc of [newcomer.doc, bystander.doc]) {
      expect(doc.getText('ghost').toString()).toBe('');
      expect(contentOf(messageById(doc, ownerMessageId)).toString()).toBe('Kept as written.');
    }
    const db = server.server.services.db;
    const snapshot = db.prepare('SELECT state, upto_seq FROM doc_snapshots WHERE doc_name = ?').get(docName) as { state: Uint8Array; upto_seq: number } | undefined;
    const updates = db.prepare('SELECT update_data FROM doc_updates WHERE doc_name = ? AND seq > ? ORDER BY seq').all(docName, snapshot?.upto_seq ?? 0) as { update_data: Uint8Array }[];
    const fromDisk = new Y.Doc();
    for (const state of [snapshot?.state, ...updates.map((row) => row.update_data)]) if (state) Y.applyUpdate(fromDisk, state);
    expect(contentOf(messageById(fromDisk, ownerMessageId)).toString()).toBe('Kept as written.');
    expect(fromDisk.getText('ghost').toString()).toBe('');

    // And the document goes on: a new message reaches everyone.
    const [owner] = clients as [SyncClient];
    await waitFor(() => owner.provider.synced && owner.provider.wsconnected, 5000, 'the owner back');
    writeMessage(owner.doc, userAuthor(world.actors.owner.userId), 'Still here.');
    await owner.storedAll();
    await waitFor(() => messageMaps(newcomer.doc).length === 2 && messageMaps(bystander.doc).length === 2, 5000, 'the new message everywhere');
  });
});
