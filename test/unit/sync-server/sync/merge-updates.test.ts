import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { mergeAll, mergeBySender } from '../../../../sync-server/sync/merge-updates';
import { craftUpdate, stringInRoot } from '../../shared/sync/crafted-update';

function typed(doc: Y.Doc, text: string): Uint8Array {
  const before = Y.encodeStateVector(doc);
  const root = doc.getText('t');
  root.insert(root.length, text);
  return Y.encodeStateAsUpdate(doc, before);
}

function applied(updates: readonly Uint8Array[]): string {
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, update);
  return doc.getText('t').toString();
}

describe('merging a batch of updates', () => {
  it("merges one sender's updates into one with the same effect", () => {
    const doc = new Y.Doc();
    const updates = [typed(doc, 'Hel'), typed(doc, 'lo')];
    const merged = mergeAll(updates);
    expect(merged).toHaveLength(1);
    expect(applied(merged)).toBe('Hello');
  });

  it('keeps updates as they came when Yjs applies them but cannot merge them', () => {
    const doc = new Y.Doc();
    doc.clientID = 5;
    const first = typed(doc, 'hi');
    // A struct kind only Yjs's applying reader takes (a skipped range flagged 0x40), which its merging reader refuses.
    const odd = craftUpdate([{ client: 77, clock: 0, structs: [[0x4a, 1]] }]);
    expect(() => Y.mergeUpdates([first, odd])).toThrow();
    expect(applied([first, odd])).toBe('hi');
    expect(mergeAll([first, odd])).toEqual([first, odd]);
    const stored = mergeBySender([
      { update: first, sender: undefined, userId: 'usr_a' },
      { update: odd, sender: undefined, userId: 'usr_a' },
      { update: craftUpdate([{ client: 9, clock: 0, structs: [stringInRoot('t', '!')] }]), sender: undefined, userId: 'usr_b' },
    ]);
    expect(stored.map((s) => s.userId)).toEqual(['usr_a', 'usr_a', 'usr_b']);
    expect(applied(stored.map((s) => s.update))).toHaveLength(3);
  });
});
