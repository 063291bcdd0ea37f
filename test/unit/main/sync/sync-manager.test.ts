import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { AppFailure } from '../../../../main/app-api/app-failure';
import { contentJson, userAuthor, writeMessage } from '../../sync-server/support/document-edits';
import { openDesktop } from './support/desktop';
import type { Desktop } from './support/desktop';

/* The manager's side that needs no server: edits from the renderer, reference counting, names. */

const name = 'conversation:cnv_aaaaaaaaaaaaaaaaaaaaaa';
const alice = 'usr_aaaaaaaaaaaaaaaaaaaaaa';
let desktop: Desktop | undefined;

afterEach(() => {
  desktop?.dispose();
  desktop = undefined;
});

function offlineDesktop(options: Parameters<typeof openDesktop>[0]['sync'] = {}): Desktop {
  desktop = openDesktop({ serverUrl: 'http://127.0.0.1:9', token: 'unused', sync: { online: false, ...options } });
  return desktop;
}

/** A renderer's copy: opened from main's answer, edited, its update sent back. */
function rendererEdit(opened: Uint8Array, edit: (doc: Y.Doc) => void): { doc: Y.Doc; update: Uint8Array } {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, opened);
  const before = Y.encodeStateVector(doc);
  edit(doc);
  return { doc, update: Y.encodeStateAsUpdate(doc, before) };
}

describe('SyncManager', () => {
  it('stores an edit from the renderer before telling anyone, and echoes it as documents.updated', () => {
    const { sync, store, db } = offlineDesktop();
    const opened = sync.open(name);
    expect(opened.state).toEqual({ name, status: 'offline', unstored: 0, refusal: null, generation: 0 });
    const heard: number[] = [];
    sync.onUpdate((docName) => heard.push((db.prepare('SELECT COUNT(*) AS n FROM document_updates WHERE name = ?').get(docName) as { n: number }).n));
    const { doc, update } = rendererEdit(opened.update, (d) => writeMessage(d, userAuthor(alice), 'from the window'));
    sync.update(name, update);
    expect(heard).toEqual([1]);
    expect(store.unstored(name)).toHaveLength(1);
    expect(contentJson('conversation', sync.document(name))).toEqual(contentJson('conversation', doc));
    expect(sync.state(name)).toMatchObject({ status: 'offline', unstored: 1 });
  });

  it("tells every listener of a local edit except the one speaking for the edit's origin", () => {
    const { sync } = offlineDesktop();
    const opened = sync.open(name);
    const renderer: string[] = [];
    const indexer: string[] = [];
    sync.onUpdate((docName) => renderer.push(docName), 'renderer');
    sync.onUpdate((docName) => indexer.push(docName));
    const fromWindow = rendererEdit(opened.update, (d) => writeMessage(d, userAuthor(alice), 'typed in the window'));
    sync.update(name, fromWindow.update);
    // The window has its own edit already; the indexer hears of it.
    expect(renderer).toEqual([]);
    expect(indexer).toEqual([name]);
    const fromAgent = rendererEdit(Y.encodeStateAsUpdate(sync.document(name)), (d) => writeMessage(d, userAuthor(alice), 'written on this side'));
    sync.applyLocal(name, fromAgent.update, 'main');
    expect(renderer).toEqual([name]);
    expect(indexer).toEqual([name, name]);
  });

  it('refuses what is not an update, or builds on content this copy does not have', () => {
    const { sync, store } = offlineDesktop();
    const opened = sync.open(name);
    expect(() => sync.update(name, new Uint8Array([1, 2, 3, 250]))).toThrow(AppFailure);
    const first = rendererEdit(opened.update, (d) => writeMessage(d, userAuthor(alice), 'first'));
    const second = rendererEdit(Y.encodeStateAsUpdate(first.doc), (d) => writeMessage(d, userAuthor(alice), 'second'));
    // The second without the first: it cannot be placed.
    expect(() => sync.update(name, second.update)).toThrow(/open it again/);
    expect(store.unstored(name)).toHaveLength(0);
    sync.update(name, first.update);
    sync.update(name, second.update);
    expect(store.unstored(name)).toHaveLength(2);
  });

  it('refuses before storing what the local check refuses', () => {
    const { sync, store } = offlineDesktop({ checkLocalUpdate: () => ({ ok: false, reason: 'Viewers cannot write' }) });
    const opened = sync.open(name);
    const { update } = rendererEdit(opened.update, (d) => writeMessage(d, userAuthor(alice), 'no'));
    let failure: unknown;
    try {
      sync.update(name, update);
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(AppFailure);
    expect(failure).toMatchObject({ code: 'forbidden', message: 'Viewers cannot write' });
    expect(store.unstored(name)).toHaveLength(0);
  });

  it('counts openings: the document closes (compacted, on disk) with the last', () => {
    const { sync, store } = offlineDesktop();
    sync.open(name);
    sync.open(name);
    writeMessage(sync.document(name), userAuthor(alice), 'kept');
    sync.close(name);
    expect(store.loaded(name)).toBeDefined();
    sync.close(name);
    expect(store.loaded(name)).toBeUndefined();
    expect(sync.state(name)).toBeUndefined();
    expect(() => sync.document(name)).toThrow(AppFailure);
    expect(store.unstored(name)).toHaveLength(1);
    const reopened = new Y.Doc();
    Y.applyUpdate(reopened, sync.open(name).update);
    expect(reopened.getArray('messages').length).toBe(1);
  });

  it('opens only documents by their real names', () => {
    const { sync } = offlineDesktop();
    for (const bad of ['conversation:nope', 'project', 'user:usr_aaaaaaaaaaaaaaaaaaaaaa']) expect(() => sync.open(bad)).toThrow(AppFailure);
  });

  it('reports a document as unauthenticated while there is no credential', () => {
    desktop = openDesktop({ serverUrl: 'http://127.0.0.1:9', token: null });
    expect(desktop.sync.open(name).state.status).toBe('unauthenticated');
  });
});
