import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DocumentStore } from '../../../../main/documents/document-store';
import { openLocalDatabase } from '../../../../main/store/local-database';
import type { LocalDatabase } from '../../../../main/store/local-database';
import { contentJson, contentOf, messageById, userAuthor, writeMessage } from '../../sync-server/support/document-edits';

const name = 'conversation:cnv_aaaaaaaaaaaaaaaaaaaaaa';
const alice = 'usr_aaaaaaaaaaaaaaaaaaaaaa';
const bob = 'usr_bbbbbbbbbbbbbbbbbbbbbb';

let dirs: string[] = [];
let dbs: LocalDatabase[] = [];

afterEach(() => {
  for (const db of dbs) if (db.open) db.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs = [];
  dbs = [];
});

function database(dir = mkdtempSync(join(tmpdir(), 'quorum-documents-'))): { dir: string; db: LocalDatabase } {
  if (!dirs.includes(dir)) dirs.push(dir);
  const db = openLocalDatabase(join(dir, 'local.sqlite'));
  dbs.push(db);
  return { dir, db };
}

function rows(db: LocalDatabase, docName = name): { origin: string; stored: number }[] {
  return db.prepare('SELECT origin, stored FROM document_updates WHERE name = ? ORDER BY seq').all(docName) as { origin: string; stored: number }[];
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

/** An update written by someone else, as the server would relay it. */
function remoteEdit(base: Y.Doc, edit: (doc: Y.Doc) => void): Uint8Array {
  const other = new Y.Doc();
  Y.applyUpdate(other, Y.encodeStateAsUpdate(base));
  const before = Y.encodeStateVector(other);
  edit(other);
  const update = Y.encodeStateAsUpdate(other, before);
  other.destroy();
  return update;
}

describe('DocumentStore', () => {
  it('writes a local edit to disk before any later listener hears of it, and lists it as unstored', () => {
    const { db } = database();
    const store = new DocumentStore(db);
    const local = store.open(name);
    const seenOnDisk: number[] = [];
    local.doc.on('update', () => seenOnDisk.push(rows(db).length));
    writeMessage(local.doc, userAuthor(alice), 'hello');
    expect(seenOnDisk).toEqual([1]);
    expect(rows(db)).toEqual([{ origin: 'local', stored: 0 }]);
    expect(local.unstored).toHaveLength(1);
    expect(store.unstored(name)).toHaveLength(1);
  });

  it('records a document taken over only through write, in the order its caller decides', async () => {
    const { db } = database();
    const store = new DocumentStore(db);
    const local = store.takeOver(name);
    const order: string[] = [];
    local.doc.on('update', (update: Uint8Array) => {
      order.push(`applied with ${rows(db).length} rows`);
      store.write(name, update, false);
      order.push(`written: ${rows(db).length} rows`);
    });
    writeMessage(local.doc, userAuthor(alice), 'mine');
    expect(order).toEqual(['applied with 0 rows', 'written: 1 rows']);
    expect(local.unstored).toHaveLength(1);
    store.write(name, remoteEdit(local.doc, (doc) => writeMessage(doc, userAuthor(bob), 'theirs')), true);
    await tick();
    expect(rows(db)).toEqual([
      { origin: 'local', stored: 0 },
      { origin: 'remote', stored: 1 },
    ]);
    expect(() => store.write('conversation:cnv_bbbbbbbbbbbbbbbbbbbbbb', new Uint8Array([0, 0]), false)).toThrow(/not open/);
  });

  it('keeps the server updates as stored rows, written on the next tick, and never as unstored', async () => {
    const { db } = database();
    const store = new DocumentStore(db);
    const local = store.open(name);
    const provider = {};
    local.addRemoteOrigin(provider);
    Y.applyUpdate(local.doc, remoteEdit(local.doc, (doc) => writeMessage(doc, userAuthor(bob), 'one')), provider);
    Y.applyUpdate(local.doc, remoteEdit(local.doc, (doc) => writeMessage(doc, userAuthor(bob), 'two')), provider);
    expect(local.unstored).toHaveLength(0);
    await tick();
    expect(rows(db)).toEqual([{ origin: 'remote', stored: 1 }]);
  });

  it('settles unstored updates the stored state vector covers, and deletions only through a barrier', () => {
    const { db } = database();
    const store = new DocumentStore(db);
    const local = store.open(name);
    const id = writeMessage(local.doc, userAuthor(alice), 'hello world');
    contentOf(messageById(local.doc, id)).delete(5, 6);
    expect(local.unstored).toHaveLength(2);
    const changes: number[] = [];
    local.onChange(() => changes.push(local.unstored.length));

    expect(store.acknowledge(name, new Map([[local.doc.clientID, 1]]))).toBe(0);
    expect(store.acknowledge(name, Y.decodeStateVector(Y.encodeStateVector(local.doc)))).toBe(1);
    expect(local.unstored).toHaveLength(1);
    // The deletion adds no clock: no state vector settles it.
    expect(store.acknowledge(name, new Map([[local.doc.clientID, 10_000]]))).toBe(0);
    expect(store.acknowledgeThrough(name, local.unstored[0]!.seq)).toBe(1);
    expect(local.unstored).toHaveLength(0);
    expect(changes).toEqual([1, 0]);
    expect(rows(db).every((row) => row.stored === 1)).toBe(true);
  });

  it('loads a document from disk with its content and what is still unstored, under a new client id', () => {
    const { dir, db } = database();
    const store = new DocumentStore(db);
    const local = store.open(name);
    const id = writeMessage(local.doc, userAuthor(alice), 'kept');
    writeMessage(local.doc, userAuthor(alice), 'also kept');
    store.acknowledgeThrough(name, local.unstored[0]!.seq);
    const before = contentJson('conversation', local.doc);
    const oldClient = local.doc.clientID;
    db.close();

    const reopened = new DocumentStore(database(dir).db).open(name);
    expect(contentJson('conversation', reopened.doc)).toEqual(before);
    expect(contentOf(messageById(reopened.doc, id)).toString()).toBe('kept');
    expect(reopened.unstored).toHaveLength(1);
    expect(reopened.doc.clientID).not.toBe(oldClient);
  });

  it('compacts into a snapshot every so many updates, keeping local updates the server has not confirmed', async () => {
    const { dir, db } = database();
    const store = new DocumentStore(db, { compactAfterUpdates: 10 });
    const local = store.open(name);
    const provider = {};
    local.addRemoteOrigin(provider);
    for (let i = 0; i < 6; i++) {
      Y.applyUpdate(local.doc, remoteEdit(local.doc, (doc) => writeMessage(doc, userAuthor(bob), `remote ${i}`)), provider);
      await tick();
    }
    for (let i = 0; i < 5; i++) writeMessage(local.doc, userAuthor(alice), `local ${i}`);
    store.acknowledgeThrough(name, local.unstored[1]!.seq);
    await tick();
    await tick();
    const snapshot = db.prepare('SELECT snapshot FROM documents WHERE name = ?').get(name) as { snapshot: Buffer | null };
    expect(snapshot.snapshot).not.toBeNull();
    expect(rows(db)).toEqual([
      { origin: 'local', stored: 0 },
      { origin: 'local', stored: 0 },
      { origin: 'local', stored: 0 },
    ]);
    const before = contentJson('conversation', local.doc);
    store.close(name);
    db.close();

    const reopened = new DocumentStore(database(dir).db).open(name);
    expect(contentJson('conversation', reopened.doc)).toEqual(before);
    expect(reopened.unstored).toHaveLength(3);
  });

  it('purges a document entirely: from memory, its updates, its snapshot and its dropped changes', () => {
    const { db } = database();
    const store = new DocumentStore(db);
    const local = store.open(name);
    writeMessage(local.doc, userAuthor(alice), 'secret');
    store.reset(name, Y.encodeStateAsUpdate(new Y.Doc()), 'refused');
    store.compact(name);
    expect(store.has(name)).toBe(true);
    expect(store.purge(name)).toBe(true);
    expect(local.isOpen).toBe(false);
    expect(store.loaded(name)).toBeUndefined();
    expect(store.has(name)).toBe(false);
    for (const table of ['documents', 'document_updates', 'document_dropped_changes']) {
      expect((db.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE name = ?`).get(name) as { n: number }).n).toBe(0);
    }
    expect(store.purge(name)).toBe(false);
  });

  it('resets to the server state: drops what the server lacks, records it, retires its client ids', () => {
    const { dir, db } = database();
    const store = new DocumentStore(db);
    const local = store.open(name);
    const server = new Y.Doc();
    const serverMessage = writeMessage(server, userAuthor(bob), 'from the server');
    local.addRemoteOrigin(server);
    Y.applyUpdate(local.doc, Y.encodeStateAsUpdate(server), server);

    const accepted = writeMessage(local.doc, userAuthor(alice), 'accepted');
    // The server got this one but its acknowledgement was still on the way.
    Y.applyUpdate(server, Y.encodeStateAsUpdate(local.doc, Y.encodeStateVector(server)));
    contentOf(messageById(local.doc, serverMessage)).insert(0, 'edited: ');
    writeMessage(local.doc, userAuthor(alice), 'also refused');
    const oldClient = local.doc.clientID;
    const generation = local.generation;

    const fresh = store.reset(name, Y.encodeStateAsUpdate(server), 'Only its author can change it');
    expect(local.isOpen).toBe(false);
    expect(fresh.generation).toBe(generation + 1);
    expect(fresh.refusal).toBe('Only its author can change it');
    expect(fresh.unstored).toHaveLength(0);
    expect(fresh.doc.clientID).not.toBe(oldClient);
    expect(fresh.retiredClients.has(oldClient)).toBe(true);
    expect(contentJson('conversation', fresh.doc)).toEqual(contentJson('conversation', server));
    expect(contentOf(messageById(fresh.doc, accepted)).toString()).toBe('accepted');

    const dropped = store.dropped(name);
    expect(dropped).toHaveLength(1);
    expect(dropped[0]).toMatchObject({ reason: 'Only its author can change it', paths: ['messages.*', 'messages.*.content'] });
    // What was dropped can still be shown: applied over the server's state it gives the local text.
    const shown = new Y.Doc();
    Y.applyUpdate(shown, Y.encodeStateAsUpdate(server));
    Y.applyUpdate(shown, dropped[0]!.update);
    expect(contentOf(messageById(shown, serverMessage)).toString()).toBe('edited: from the server');

    db.close();
    const reopened = new DocumentStore(database(dir).db).open(name);
    expect(reopened.generation).toBe(generation + 1);
    expect(reopened.retiredClients.has(oldClient)).toBe(true);
    expect(reopened.doc.clientID).not.toBe(oldClient);
    expect(reopened.refusal).toBe('Only its author can change it');
  });

  it('forgets a refusal once the user dismissed it', () => {
    const { db } = database();
    const store = new DocumentStore(db);
    store.open(name);
    const fresh = store.reset(name, Y.encodeStateAsUpdate(new Y.Doc()), 'no');
    store.dismissRefusal(name);
    expect(fresh.refusal).toBeNull();
    expect(store.dropped(name)).toEqual([]);
  });
});
