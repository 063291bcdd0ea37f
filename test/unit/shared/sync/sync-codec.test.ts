import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { decodeSyncMessage, encodeSyncMessage, MalformedSyncMessage, wireType } from '../../../../shared/sync/sync-codec';
import type { SyncMessage } from '../../../../shared/sync/sync-codec';
import { closeCode, closeRule, closeRules, messageType } from '../../../../shared/sync/sync-protocol';

const doc = new Y.Doc();
doc.getMap('settings').set('a', 1);
const update = Y.encodeStateAsUpdate(doc);
const stateVector = Y.encodeStateVector(doc);

const messages: readonly SyncMessage[] = [
  { type: 'sync-step-1', stateVector },
  { type: 'sync-step-2', update },
  { type: 'update', update },
  { type: 'awareness', update: new Uint8Array([1, 2, 3]) },
  { type: 'query-awareness' },
  { type: 'stored', stateVector },
  { type: 'refused', reason: 'Viewers cannot write here ✋' },
  { type: 'directory-changed', cursor: 123_456, access: true },
  { type: 'directory-changed', cursor: 0, access: false },
];

describe('sync codec', () => {
  it.each(messages)('reads back what it wrote: $type', (message) => {
    const bytes = encodeSyncMessage(message);
    expect(bytes[0]).toBe(wireType(message));
    expect(decodeSyncMessage(bytes)).toEqual(message);
  });

  it("writes y-websocket's frames byte for byte", () => {
    // [0][0][state vector] is a sync step 1, [0][2][update] an update, as y-protocols writes them.
    expect([...encodeSyncMessage({ type: 'sync-step-1', stateVector })]).toEqual([messageType.sync, 0, stateVector.length, ...stateVector]);
    expect([...encodeSyncMessage({ type: 'update', update })].slice(0, 2)).toEqual([messageType.sync, 2]);
  });

  it.each([
    { what: 'an empty frame', bytes: [], error: /cut short/ },
    { what: 'an unknown type', bytes: [7], error: /message type 7/ },
    { what: 'an unknown sync step', bytes: [0, 9, 0], error: /unknown sync step/ },
    { what: 'a payload running past the frame', bytes: [0, 2, 50, 1, 2], error: /cut short/ },
    { what: 'bytes after the message', bytes: [3, 0], error: /bytes follow/ },
    { what: 'a directory notice without its flag', bytes: [102, 5], error: /cut short/ },
  ])('refuses $what', ({ bytes, error }) => {
    expect(() => decodeSyncMessage(new Uint8Array(bytes))).toThrow(MalformedSyncMessage);
    expect(() => decodeSyncMessage(new Uint8Array(bytes))).toThrow(error);
  });
});

describe('close codes', () => {
  it('gives every code the server sends a meaning, and final ones stop retrying', () => {
    expect(Object.keys(closeRules).map(Number).sort()).toEqual(Object.values(closeCode).sort());
    expect(closeRule(closeCode.unauthenticated)).toEqual({ meaning: 'unauthenticated', final: true });
    expect(closeRule(closeCode.forbidden)).toEqual({ meaning: 'revoked', final: true });
    expect(closeRule(closeCode.notFound)).toEqual({ meaning: 'revoked', final: true });
    expect(closeRule(closeCode.tooLarge).meaning).toBe('refused');
    expect(closeRule(closeCode.rateLimited)).toEqual({ meaning: 'retry', final: false });
  });

  it('retries after a close it does not know, or none at all', () => {
    expect(closeRule(null)).toEqual({ meaning: 'retry', final: false });
    expect(closeRule(1006)).toEqual({ meaning: 'retry', final: false });
  });
});
