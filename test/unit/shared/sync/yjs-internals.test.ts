import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  decodeUpdateForInspection,
  documentClock,
  findLiveStruct,
  itemIdOfType,
  liveStructsInRange,
  liveTypeOf,
  MalformedUpdate,
} from '../../../../shared/sync/yjs-internals';

function updateOf(doc: Y.Doc, edit: () => void): Uint8Array {
  const before = Y.encodeStateVector(doc);
  edit();
  return Y.encodeStateAsUpdate(doc, before);
}

describe('yjs internals the guard relies on (yjs 13.6)', () => {
  it('decodes a first map entry with an explicit root parent and key', () => {
    const doc = new Y.Doc();
    doc.clientID = 7;
    const update = updateOf(doc, () => doc.getMap('settings').set('a', 1));
    const decoded = decodeUpdateForInspection(update);
    expect(decoded.items).toEqual([
      { id: { client: 7, clock: 0 }, length: 1, origin: null, rightOrigin: null, parent: { root: 'settings' }, parentSub: 'a', content: { kind: 'any', values: [1] } },
    ]);
    expect(decoded.deletes).toEqual([]);
  });

  it('encodes an overwrite with the previous value as origin and no explicit parent, and deletes the old item', () => {
    const doc = new Y.Doc();
    doc.clientID = 7;
    doc.getMap('settings').set('a', 1);
    const update = updateOf(doc, () => doc.getMap('settings').set('a', 2));
    const decoded = decodeUpdateForInspection(update);
    expect(decoded.items[0]).toMatchObject({ origin: { client: 7, clock: 0 }, parent: null, parentSub: null });
    expect(decoded.deletes).toEqual([{ client: 7, clock: 0, length: 1 }]);
  });

  it('gives a nested item its parent as the id of the item holding the type', () => {
    const doc = new Y.Doc();
    doc.clientID = 9;
    const update = updateOf(doc, () => {
      const message = new Y.Map<unknown>();
      doc.getArray('messages').push([message]);
      message.set('content', new Y.Text('hi'));
    });
    const decoded = decodeUpdateForInspection(update);
    expect(decoded.items.map((i) => [i.content.kind, i.parent, i.parentSub])).toEqual([
      ['type', { root: 'messages' }, null],
      ['type', { item: { client: 9, clock: 0 } }, 'content'],
      ['string', { item: { client: 9, clock: 1 } }, null],
    ]);
  });

  it('turns undecodable bytes into MalformedUpdate', () => {
    expect(() => decodeUpdateForInspection(new Uint8Array([1, 2, 200, 200, 200]))).toThrow(MalformedUpdate);
  });

  it('finds live structs by any clock inside them and walks delete ranges', () => {
    const doc = new Y.Doc();
    doc.clientID = 3;
    const text = doc.getText('t');
    text.insert(0, 'hello');
    doc.getMap('m').set('k', 'v');
    expect(documentClock(doc, 3)).toBe(6);
    expect(findLiveStruct(doc, { client: 3, clock: 2 })).toMatchObject({ id: { client: 3, clock: 0 }, length: 5, parent: { root: 't' } });
    expect(findLiveStruct(doc, { client: 3, clock: 6 })).toBeUndefined();
    expect(findLiveStruct(doc, { client: 4, clock: 0 })).toBeUndefined();
    expect(liveStructsInRange(doc, { client: 3, clock: 1, length: 10 }).map((s) => s.id.clock)).toEqual([0, 5]);
  });

  it('reads the type held by an item and the item holding a type', () => {
    const doc = new Y.Doc();
    doc.clientID = 5;
    const inner = new Y.Map<unknown>();
    doc.getArray('a').push([inner]);
    inner.set('x', 1);
    const id = itemIdOfType(inner);
    expect(id).toEqual({ client: 5, clock: 0 });
    expect((liveTypeOf(doc, id ?? { client: 0, clock: 0 }) as Y.Map<unknown>).get('x')).toBe(1);
    expect(itemIdOfType(doc.getArray('a'))).toBeUndefined();
  });
});
