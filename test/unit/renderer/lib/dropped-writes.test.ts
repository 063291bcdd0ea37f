import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { appendMessage, messageText } from '../../../../shared/sync/conversation-document';
import { droppedWrites } from '../../../../renderer/lib/dropped-writes';

const userId = 'usr_0123456789abcdef0123';
const write = (doc: Y.Doc, text: string, createdAt = new Date().toISOString()) =>
  appendMessage(doc, { id: 'msg_0123456789abcdef', author: { kind: 'user', userId }, createdAt, text });

/** The updates `edit` makes to `doc`, merged into one, as a dropped change holds them. */
function updateOf(doc: Y.Doc, edit: () => void): Uint8Array {
  const updates: Uint8Array[] = [];
  const record = (update: Uint8Array) => updates.push(update);
  doc.on('update', record);
  edit();
  doc.off('update', record);
  return Y.mergeUpdates(updates);
}

describe('what a dropped change wrote', () => {
  it('reads a new message: its text and the fields it set', () => {
    const doc = new Y.Doc();
    const update = updateOf(doc, () => write(doc, 'Order the scaffolding.', '2026-01-02T03:04:05.000Z'));
    const writes = droppedWrites(update);
    expect(writes.filter((w) => w.field === null)).toEqual([{ field: null, value: 'Order the scaffolding.' }]);
    expect(writes).toContainEqual({ field: 'createdAt', value: '"2026-01-02T03:04:05.000Z"' });
    expect(writes).toContainEqual({ field: 'author', value: JSON.stringify({ kind: 'user', userId }) });
  });

  it('joins text typed in several edits into one, and keeps separate texts apart', () => {
    const doc = new Y.Doc();
    const content = messageText(write(doc, ''));
    if (content === undefined) throw new Error('a message holds its text in a Y.Text');
    const update = updateOf(doc, () => {
      content.insert(0, 'North ');
      content.insert(6, 'wall');
    });
    expect(droppedWrites(update)).toEqual([{ field: null, value: 'North wall' }]);
  });

  it('reads a setting changed in a map', () => {
    const doc = new Y.Doc();
    const update = updateOf(doc, () => doc.getMap('settings').set('modelLock', ['mdl_0123456789abcdef']));
    expect(droppedWrites(update)).toEqual([{ field: 'modelLock', value: '["mdl_0123456789abcdef"]' }]);
  });
});
