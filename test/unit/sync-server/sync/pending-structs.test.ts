import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { parseDocumentName } from '../../../../shared/sync/document-name';
import { afterSkip, craftUpdate, gc, skip } from '../../shared/sync/crafted-update';
import { messageMaps } from '../../../../shared/sync/conversation-document';
import { contentJson, userAuthor, writeMessage } from '../support/document-edits';
import { freshProject, ok } from '../support/project-fixtures';
import { rawConnect } from '../support/raw-sync-client';
import type { RawClient } from '../support/raw-sync-client';
import { connect, waitFor } from '../support/sync-client';
import { startTestServer } from '../support/test-server';
import type { TestServer } from '../support/test-server';
import { createWorld } from '../support/world';
import type { World, WorldRole } from '../support/world';

/*
 * Updates whose structs Yjs would hold back as pending (a skip, and whatever follows it) never
 * reach a document: once there, every replica would hold them too, and its next answer to the
 * server's state would carry the gap and be refused, losing its offline edits. An update that
 * writes anything is judged by the sender's role before anything else, and nothing of a refused or
 * empty update is stored or bound.
 */

let server: TestServer;
let world: World;
const raws: RawClient[] = [];

beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server);
});

afterAll(async () => {
  for (const raw of raws) raw.close();
  await server.dispose();
});

async function sharedConversation(projectId: string): Promise<string> {
  const created = await ok<{ id: string }>(world.client('owner')('conversation.create', { params: { id: projectId }, body: { title: 'Pending', kind: 'shared' } }), 'conversation');
  return `conversation:${created.id}`;
}

async function open(docName: string, role: WorldRole): Promise<RawClient> {
  const raw = rawConnect(server.url, docName, world.actors[role].token);
  raws.push(raw);
  await raw.synced();
  return raw;
}

function serverDoc(docName: string): Y.Doc {
  const name = parseDocumentName(docName);
  if (!name) throw new Error(`bad name ${docName}`);
  return server.server.hub.load(name).doc;
}

/** What the server keeps of a document on disk: its update rows, and the client ids bound in it. */
function stored(docName: string): { updates: number; clients: number[] } {
  const db = server.server.services.db;
  const updates = (db.prepare('SELECT COUNT(*) AS n FROM doc_updates WHERE doc_name = ?').get(docName) as { n: number }).n;
  const clients = (db.prepare('SELECT client_id FROM doc_clients WHERE doc_name = ? ORDER BY client_id').all(docName) as { client_id: number }[]).map((r) => r.client_id);
  return { updates, clients };
}

/** Sends `update` and waits for the server's verdict: a refusal, or the stored acknowledgement of every clock it writes. */
async function verdict(raw: RawClient, update: Uint8Array): Promise<'refused' | 'stored'> {
  const refusalsBefore = raw.refusals.length;
  const storedBefore = raw.stored;
  raw.sendUpdate(update);
  await waitFor(() => raw.refusals.length > refusalsBefore || raw.stored !== storedBefore || raw.closed !== undefined, 5000, 'the verdict');
  expect(raw.closed).toBeUndefined();
  return raw.refusals.length > refusalsBefore ? 'refused' : 'stored';
}

/**
 * A message by `userId`, written by `client` after `before` clocks of its own that the server
 * never saw: the update of the message alone, and how many clocks it leaves out.
 */
function messageAfterUnsentClocks(raw: RawClient, userId: string, client: number, before: number, text: string): { update: Uint8Array; skipped: number } {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(raw.mirror));
  copy.clientID = client;
  // Clocks of the client that only this replica has: notes in a map no one reads.
  for (let i = 0; i < before; i++) copy.getMap('scratch').set(`note${i}`, i);
  const start = Y.encodeStateVector(copy);
  writeMessage(copy, userAuthor(userId), text);
  const update = Y.encodeStateAsUpdate(copy, start);
  copy.destroy();
  return { update, skipped: before };
}

describe('updates Yjs would leave pending', () => {
  it("refuses a viewer's skip followed by a GC range, storing and binding nothing", async () => {
    const docName = await sharedConversation(world.projectId);
    const viewer = await open(docName, 'viewer');
    const before = stored(docName);
    const client = 0x7001;
    expect(await verdict(viewer, craftUpdate([{ client, clock: 0, structs: [skip(5), gc(3)] }]))).toBe('refused');
    expect(stored(docName)).toEqual(before);
    expect(serverDoc(docName).store.pendingStructs).toBeNull();
    expect(Y.getState(serverDoc(docName).store, client)).toBe(0);
  });

  it("refuses a member's own message staged behind a skip, and the fill that would reveal it once they are a viewer", async () => {
    const project = await freshProject(world);
    const docName = await sharedConversation(project.id);
    const member = world.actors.member;
    const raw = await open(docName, 'member');
    const client = 0x7002;
    const staged = messageAfterUnsentClocks(raw, member.userId, client, 4, 'Staged while a member');
    const before = stored(docName);
    expect(await verdict(raw, afterSkip(staged.update))).toBe('refused');
    expect(stored(docName)).toEqual(before);
    expect(serverDoc(docName).store.pendingStructs).toBeNull();

    await ok(world.client('owner')('project.member.update', { params: { id: project.id, uid: member.userId }, body: { role: 'viewer' } }), 'demote');
    const fill = craftUpdate([{ client, clock: 0, structs: [gc(staged.skipped)] }]);
    const again = await open(docName, 'member');
    expect(await verdict(again, fill)).toBe('refused');
    expect(again.refusals.at(-1)).toMatch(/Viewers cannot/);
    expect(stored(docName)).toEqual(before);
    expect(JSON.stringify(contentJson('conversation', serverDoc(docName)))).not.toContain('Staged while a member');
  });

  it("refuses a viewer's GC range by its role before anything else, binding nothing", async () => {
    const docName = await sharedConversation(world.projectId);
    const viewer = await open(docName, 'viewer');
    const before = stored(docName);
    expect(await verdict(viewer, craftUpdate([{ client: 0x7003, clock: 0, structs: [gc(3)] }]))).toBe('refused');
    expect(viewer.refusals.at(-1)).toMatch(/Viewers cannot/);
    expect(stored(docName)).toEqual(before);
    expect(Y.getState(serverDoc(docName).store, 0x7003)).toBe(0);
  });

  it("answers a viewer's empty update without a refusal, storing and binding nothing", async () => {
    const docName = await sharedConversation(world.projectId);
    const viewer = await open(docName, 'viewer');
    const before = stored(docName);
    expect(await verdict(viewer, new Uint8Array([0, 0]))).toBe('stored');
    expect(viewer.refusals).toEqual([]);
    expect(stored(docName)).toEqual(before);
  });

  it('leaves every replica able to send what it wrote offline after such attempts, across a restart', async () => {
    const docName = await sharedConversation(world.projectId);
    const member = world.actors.member;
    const viewer = await open(docName, 'viewer');
    const attacker = await open(docName, 'member');
    const staged = afterSkip(messageAfterUnsentClocks(attacker, member.userId, 0x7005, 3, 'Behind a skip').update);
    await verdict(viewer, craftUpdate([{ client: 0x7004, clock: 0, structs: [skip(2), gc(2)] }]));
    await verdict(attacker, staged);

    await server.stop();
    server = await startTestServer({ dataDir: server.dataDir });
    expect(serverDoc(docName).store.pendingStructs).toBeNull();

    // A provider that was offline meanwhile brings its own edits: its answer to the server's state is taken.
    const offline = new Y.Doc();
    writeMessage(offline, userAuthor(member.userId), 'Written offline');
    const provider = connect(server.url, docName, member.token, offline);
    try {
      await provider.synced();
      await provider.storedAll();
      expect(provider.refusals).toEqual([]);
      expect(messageMaps(serverDoc(docName)).map((m) => String(m.get('content')))).toEqual(['Written offline']);
    } finally {
      provider.destroy();
    }
  });
});
