import * as Y from 'yjs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  contentOfItem,
  decodeUpdateForInspection,
  deletedFrom,
  documentClock,
  findLiveStruct,
  itemIdOfType,
  itemsAddedTo,
  liveStructsInRange,
  liveTypeOf,
  MalformedUpdate,
} from '../../../../shared/sync/yjs-internals';
import { craftUpdate, stringAfter, stringInRoot, valuesUnder, varString } from './crafted-update';

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
    expect(decoded.clients).toEqual([
      {
        client: 7,
        structs: [{ id: { client: 7, clock: 0 }, length: 1, origin: null, rightOrigin: null, parent: { root: 'settings' }, parentSub: 'a', content: { kind: 'any', values: [1] } }],
      },
    ]);
    expect(decoded.deletes).toEqual([]);
  });

  it('encodes an overwrite with the previous value as origin and no explicit parent, and deletes the old item', () => {
    const doc = new Y.Doc();
    doc.clientID = 7;
    doc.getMap('settings').set('a', 1);
    const update = updateOf(doc, () => doc.getMap('settings').set('a', 2));
    const decoded = decodeUpdateForInspection(update);
    expect(decoded.clients[0]?.structs[0]).toMatchObject({ origin: { client: 7, clock: 0 }, parent: null, parentSub: null });
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
    expect(decoded.clients[0]?.structs.map((i) => [i.content?.kind, 'parent' in i ? i.parent : undefined, 'parentSub' in i ? i.parentSub : undefined])).toEqual([
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

type Reference = ReturnType<typeof decodeUpdateForInspection>;

/** What Yjs's own decoder reads from an update, in the shape of ours: the reference the lean decoder must match. */
function referenceDecode(update: Uint8Array): Reference {
  const { structs, ds } = Y.decodeUpdate(update);
  const clients: { client: number; structs: unknown[] }[] = [];
  for (const struct of structs) {
    let group = clients.at(-1);
    if (group?.client !== struct.id.client) clients.push((group = { client: struct.id.client, structs: [] }));
    const id = { client: struct.id.client, clock: struct.id.clock };
    if (!(struct instanceof Y.Item)) {
      group.structs.push({ id, length: struct.length, content: null, skipped: struct instanceof Y.Skip });
      continue;
    }
    const idOf = (ref: Y.ID | null) => (ref === null ? null : { client: ref.client, clock: ref.clock });
    const parent = struct.parent as unknown;
    group.structs.push({
      id,
      length: struct.length,
      origin: idOf(struct.origin),
      rightOrigin: idOf(struct.rightOrigin),
      parent: typeof parent === 'string' ? { root: parent } : parent instanceof Y.ID ? { item: idOf(parent) } : null,
      parentSub: struct.parentSub,
      // Content kinds are read as the live document's are (`contentOfItem`, tested on its own below).
      content: contentOfItem(struct.content),
    });
  }
  const deletes = [...ds.clients].flatMap(([client, ranges]) => ranges.map((range) => ({ client, clock: range.clock, length: range.len })));
  return { clients, deletes } as unknown as Reference;
}

const editArbitrary = fc.oneof(
  fc.record({ op: fc.constant('map-set' as const), doc: fc.nat(2), key: fc.constantFrom('a', 'b', 'ü', ''), value: fc.jsonValue({ maxDepth: 2 }) }),
  fc.record({ op: fc.constant('map-delete' as const), doc: fc.nat(2), key: fc.constantFrom('a', 'b', 'ü', '') }),
  fc.record({ op: fc.constant('array-insert' as const), doc: fc.nat(2), at: fc.nat(), kind: fc.constantFrom('value', 'map', 'text', 'array', 'binary', 'doc') }),
  fc.record({ op: fc.constant('array-delete' as const), doc: fc.nat(2), at: fc.nat(), length: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ op: fc.constant('text-insert' as const), doc: fc.nat(2), at: fc.nat(), text: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 }) }),
  fc.record({ op: fc.constant('text-delete' as const), doc: fc.nat(2), at: fc.nat(), length: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ op: fc.constant('text-format' as const), doc: fc.nat(2), at: fc.nat(), length: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ op: fc.constant('text-embed' as const), doc: fc.nat(2), at: fc.nat() }),
  fc.record({ op: fc.constant('xml-insert' as const), doc: fc.nat(2), kind: fc.constantFrom('element', 'text', 'hook') }),
  fc.record({ op: fc.constant('nested-set' as const), doc: fc.nat(2), value: fc.integer() }),
  fc.record({ op: fc.constant('sync' as const), from: fc.nat(2), to: fc.nat(2) }),
);

type Edit = typeof editArbitrary extends fc.Arbitrary<infer T> ? T : never;

function applyEdit(docs: readonly Y.Doc[], edit: Edit): void {
  if (edit.op === 'sync') {
    const from = docs[edit.from] as Y.Doc;
    const to = docs[edit.to] as Y.Doc;
    Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
    return;
  }
  const doc = docs[edit.doc] as Y.Doc;
  const array = doc.getArray<unknown>('list');
  const text = doc.getText('text');
  switch (edit.op) {
    case 'map-set':
      doc.getMap('settings').set(edit.key, edit.value);
      return;
    case 'map-delete':
      return doc.getMap('settings').delete(edit.key);
    case 'array-insert': {
      const at = edit.at % (array.length + 1);
      const value = { value: [1, 'two'], map: new Y.Map(), text: new Y.Text('hi'), array: new Y.Array(), binary: new Uint8Array([1, 2]), doc: new Y.Doc() }[edit.kind];
      return array.insert(at, [value]);
    }
    case 'array-delete': {
      if (array.length === 0) return;
      const at = edit.at % array.length;
      return array.delete(at, Math.min(edit.length, array.length - at));
    }
    case 'text-insert':
      return text.insert(edit.at % (text.length + 1), edit.text);
    case 'text-delete': {
      if (text.length === 0) return;
      const at = edit.at % text.length;
      return text.delete(at, Math.min(edit.length, text.length - at));
    }
    case 'text-format': {
      if (text.length === 0) return;
      const at = edit.at % text.length;
      return text.format(at, Math.min(edit.length, text.length - at), { bold: true });
    }
    case 'text-embed':
      return text.insertEmbed(edit.at % (text.length + 1), { image: 'x.png' });
    case 'xml-insert': {
      const node = edit.kind === 'element' ? new Y.XmlElement('p') : edit.kind === 'text' ? new Y.XmlText('x') : new Y.XmlHook('h');
      // Yjs's types leave hooks out of a fragment's children, though it stores them there like any type.
      return doc.getXmlFragment('xml').push([node as Y.XmlElement]);
    }
    case 'nested-set': {
      const nested = array.toArray().find((value): value is Y.Map<unknown> => value instanceof Y.Map);
      nested?.set('n', edit.value);
      return;
    }
  }
}

describe('decoding updates straight from their bytes', () => {
  it('reads every update Yjs writes exactly as Yjs itself reads it', () => {
    const kindsSeen = new Set<string>();
    fc.assert(
      fc.property(fc.array(editArbitrary, { minLength: 1, maxLength: 40 }), fc.boolean(), (edits, gc) => {
        const docs = [1, 2, 3].map((client) => {
          const doc = new Y.Doc({ gc });
          doc.clientID = client * 1_000_003;
          return doc;
        });
        const updates: Uint8Array[] = [];
        for (const doc of docs) doc.on('update', (update: Uint8Array, origin: unknown) => origin === null && updates.push(update));
        for (const edit of edits) applyEdit(docs, edit);
        const written = [
          ...updates,
          ...docs.map((doc) => Y.encodeStateAsUpdate(doc)),
          Y.encodeStateAsUpdate(docs[0] as Y.Doc, Y.encodeStateVector(docs[1] as Y.Doc)),
          Y.mergeUpdates(updates),
          // Every other update merged: the gaps become skipped ranges.
          Y.mergeUpdates(updates.filter((_, i) => i % 2 === 0)),
        ];
        for (const update of written) {
          const decoded = decodeUpdateForInspection(update);
          expect(decoded).toEqual(referenceDecode(update));
          for (const { structs } of decoded.clients) for (const struct of structs) kindsSeen.add(struct.content === null ? 'void' : struct.content.kind);
        }
      }),
      { numRuns: 300 },
    );
    // The edits reach every kind of struct Yjs still writes (JSON content is only read, from old documents).
    expect([...kindsSeen].sort()).toEqual(['any', 'binary', 'deleted', 'doc', 'embed', 'format', 'string', 'type', 'void']);
  });

  it('finds every cut-off update malformed, wherever it is cut', () => {
    const doc = new Y.Doc();
    const message = new Y.Map<unknown>();
    doc.getArray('messages').push([message]);
    message.set('author', { kind: 'user', userId: 'usr_x' });
    message.set('content', new Y.Text('héllo 👋'));
    doc.getArray('messages').delete(0, 1);
    const update = Y.encodeStateAsUpdate(doc);
    for (let cut = 0; cut < update.length; cut++) {
      expect(() => decodeUpdateForInspection(update.subarray(0, cut)), `cut at ${cut}`).toThrow(MalformedUpdate);
    }
    expect(() => decodeUpdateForInspection(new Uint8Array([...update, 0]))).toThrow(/bytes follow the delete set/);
  });

  it('refuses an update that names a client twice, which Yjs would apply only in part', () => {
    expect(() => decodeUpdateForInspection(craftUpdate([{ client: 5, clock: 0, structs: [stringInRoot('t')] }, { client: 5, clock: 0, structs: [stringInRoot('t')] }]))).toThrow(/client 5 appears twice/);
  });

  it('refuses empty structs and empty client entries', () => {
    const emptyString = stringInRoot('t', '');
    const noValues = valuesUnder({ client: 1, clock: 0 }, 'k', [0]);
    for (const struct of [emptyString, noValues, [0, 0], [10, 0]]) {
      expect(() => decodeUpdateForInspection(craftUpdate([{ client: 5, clock: 0, structs: [struct] }]))).toThrow(/a struct is empty/);
    }
    expect(() => decodeUpdateForInspection(craftUpdate([{ client: 5, clock: 0, structs: [] }]))).toThrow(/has no structs/);
  });

  it("refuses items that refer to their own client's present or future", () => {
    expect(() => decodeUpdateForInspection(craftUpdate([{ client: 5, clock: 0, structs: [stringAfter({ client: 5, clock: 0 })] }]))).toThrow(/left neighbour is not older/);
    const rightOfFuture = [4 | 0x40, 5, 3, ...varString('x')];
    expect(() => decodeUpdateForInspection(craftUpdate([{ client: 5, clock: 2, structs: [rightOfFuture] }]))).toThrow(/right neighbour is not older/);
    const inFutureParent = [4, 0, 5, 9, ...varString('x')];
    expect(() => decodeUpdateForInspection(craftUpdate([{ client: 5, clock: 2, structs: [inFutureParent] }]))).toThrow(/parent is not older/);
    // Another client's items may come later in the update: Yjs integrates them first.
    expect(decodeUpdateForInspection(craftUpdate([{ client: 5, clock: 0, structs: [stringAfter({ client: 6, clock: 0 })] }, { client: 6, clock: 0, structs: [stringInRoot('t')] }])).clients).toHaveLength(2);
  });

  it('refuses unknown struct kinds, content references and type references', () => {
    for (const struct of [[10 | 0x40, 1], [11, 1, ...varString('t'), 0], [31, 1, ...varString('t'), 0], [7, 1, ...varString('t'), 7]]) {
      expect(() => decodeUpdateForInspection(craftUpdate([{ client: 5, clock: 0, structs: [struct] }]))).toThrow(MalformedUpdate);
    }
  });

  it('reads the XML types and kinds of content Yjs can write', () => {
    const hook = [7, 1, ...varString('x'), 5, ...varString('hook')];
    const element = [7, 1, ...varString('x'), 3, ...varString('p')];
    const decoded = decodeUpdateForInspection(craftUpdate([{ client: 5, clock: 0, structs: [hook, element] }]));
    expect(decoded.clients[0]?.structs.map((s) => s.content)).toEqual([
      { kind: 'type', type: 'xml' },
      { kind: 'type', type: 'xml' },
    ]);
  });
});

describe('live structs', () => {
  it('count an XML text or hook as XML, not as the text or map it extends', () => {
    const doc = new Y.Doc();
    doc.clientID = 4;
    const types = [new Y.XmlText('x'), new Y.XmlHook('h'), new Y.Text('t'), new Y.Map()];
    doc.getArray('a').push(types);
    const kinds = types.map((type) => findLiveStruct(doc, itemIdOfType(type) ?? { client: 0, clock: 0 })?.content);
    expect(kinds).toEqual([
      { kind: 'type', type: 'xml' },
      { kind: 'type', type: 'xml' },
      { kind: 'type', type: 'text' },
      { kind: 'type', type: 'map' },
    ]);
  });
});

describe('what a transaction added to and deleted from an array', () => {
  it('agrees with the changes Yjs itself computes, for local edits and for updates from elsewhere', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ push: fc.nat(3), remove: fc.nat(3), nested: fc.boolean() }), { minLength: 1, maxLength: 20 }), fc.boolean(), (steps, remote) => {
        const doc = new Y.Doc();
        const array = doc.getArray<unknown>('messages');
        const target = remote ? new Y.Doc() : doc;
        const seen: { added: unknown[]; expectedAdded: unknown[]; deleted: boolean; expectedDeleted: boolean }[] = [];
        array.observeDeep((events, transaction) => {
          const own = events.find((event) => event.target === array);
          if (!own) return;
          seen.push({
            added: itemsAddedTo(transaction, array).map((item) => item.id),
            expectedAdded: [...own.changes.added].filter((item) => !item.deleted).map((item) => item.id).sort((a, b) => a.client - b.client || a.clock - b.clock),
            deleted: deletedFrom(transaction, array),
            expectedDeleted: own.changes.deleted.size > 0,
          });
        });
        const source = target.getArray<unknown>('messages');
        for (const step of steps) {
          target.transact(() => {
            for (let i = 0; i < step.push; i++) source.push([step.nested ? new Y.Map() : i]);
            if (source.length > 0 && step.remove > 0) source.delete(0, Math.min(step.remove, source.length));
          });
          if (remote) Y.applyUpdate(doc, Y.encodeStateAsUpdate(target, Y.encodeStateVector(doc)));
        }
        for (const observed of seen) {
          expect([...observed.added].sort((a, b) => (a as Y.ID).client - (b as Y.ID).client || (a as Y.ID).clock - (b as Y.ID).clock)).toEqual(observed.expectedAdded);
          expect(observed.deleted).toBe(observed.expectedDeleted);
        }
      }),
      { numRuns: 200 },
    );
  });
});
