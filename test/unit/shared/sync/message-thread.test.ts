import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import type { ThreadMessage } from '../../../../shared/sync/message-thread';
import { arrangeThread, chooseAlternative, deleteMessage, placeInThread, rearrangeThread, threadFieldsOf, threadThrough } from '../../../../shared/sync/message-thread';

const m = (id: string, parentId: string | null | undefined, alternativeOf?: string, shown: Record<string, string> = {}): ThreadMessage => ({ id, parentId, alternativeOf, shown });
const ids = (steps: readonly { message: ThreadMessage }[]) => steps.map((step) => step.message.id);

describe('arrangeThread', () => {
  it('reads messages written before threads as one line in array order', () => {
    expect(ids(arrangeThread([m('a', undefined), m('b', undefined), m('c', undefined)], 'ann'))).toEqual(['a', 'b', 'c']);
  });

  it('keeps messages written at once after the same message in one line, not as alternatives', () => {
    const thread = arrangeThread([m('q', null), m('x', 'q'), m('y', 'q')], 'ann');
    expect(ids(thread)).toEqual(['q', 'x', 'y']);
    expect(thread.every((step) => step.alternatives.length === 1)).toBe(true);
  });

  it('shows the newest regenerated answer where the first stood, with every alternative listed', () => {
    const messages = [m('q', null), m('a1', 'q'), m('later', 'a1'), m('a2', 'q', 'a1')];
    const thread = arrangeThread(messages, 'ann');
    expect(ids(thread)).toEqual(['q', 'a2']);
    expect(thread[1]?.alternatives).toEqual(['a1', 'a2']);
    expect(thread[1]?.group).toBe('a1');
  });

  it("follows each reader's own choice, and brings back the branch after an older alternative", () => {
    const messages = [m('q', null), m('e1', 'q', undefined, { ann: 'e1' }), m('r1', 'e1'), m('e2', 'q', 'e1', { ann: 'e2' }), m('r2', 'e2')];
    expect(ids(arrangeThread(messages, 'ann'))).toEqual(['q', 'e1', 'r1']);
    expect(ids(arrangeThread(messages, 'bob'))).toEqual(['q', 'e2', 'r2']);
    expect(ids(arrangeThread(messages, 'ann', new Map([['e1', 'e2']])))).toEqual(['q', 'e2', 'r2']);
  });

  it('ignores a choice of a message outside the group and an alternative of an alternative', () => {
    const messages = [m('q', null, undefined, { ann: 'x' }), m('a1', 'q'), m('a2', 'q', 'a1'), m('a3', 'q', 'a2')];
    const thread = arrangeThread(messages, 'ann');
    expect(ids(thread)).toEqual(['q', 'a2', 'a3']);
    expect(thread[1]?.alternatives).toEqual(['a1', 'a2']);
  });

  it('leaves out a message whose parent is not in the thread', () => {
    expect(ids(arrangeThread([m('q', null), m('orphan', 'msg_missing')], 'ann'))).toEqual(['q']);
  });
});

describe('threadThrough', () => {
  it('reads the branch leading to a message, whatever the reader chose, and ends with it', () => {
    const messages = [m('q', null), m('e1', 'q', undefined, { ann: 'e2' }), m('r1', 'e1'), m('e2', 'q', 'e1'), m('r2', 'e2')];
    expect(ids(threadThrough(messages, 'ann', 'e1'))).toEqual(['q', 'e1']);
    expect(ids(threadThrough(messages, 'ann', 'r1'))).toEqual(['q', 'e1', 'r1']);
    expect(threadThrough(messages, 'ann', 'nowhere')).toEqual([]);
  });
});

describe('thread writes', () => {
  function docWith(...texts: string[]): Y.Doc {
    const doc = new Y.Doc();
    let parent: string | null = null;
    for (const [index, text] of texts.entries()) {
      const message = new Y.Map<unknown>();
      message.set('id', `m${String(index)}`);
      message.set('content', new Y.Text(text));
      message.set('toolCalls', [{ id: 'c' }]);
      placeInThread(message, { parentId: parent });
      doc.getArray('messages').push([message]);
      parent = `m${String(index)}`;
    }
    return doc;
  }
  const map = (doc: Y.Doc, index: number) => doc.getArray<Y.Map<unknown>>('messages').get(index);

  it('keeps a choice under the reader on the group’s first message', () => {
    const doc = docWith('one', 'two');
    expect(chooseAlternative(doc, 'm1', 'ann', 'm9')).toBe(true);
    expect(threadFieldsOf(map(doc, 1)).shown).toEqual({ ann: 'm9' });
    expect(chooseAlternative(doc, 'nowhere', 'ann', 'm9')).toBe(false);
  });

  it('leaves a tombstone: no text, no tool calls, the time it was deleted', () => {
    const doc = docWith('secret');
    expect(deleteMessage(doc, 'm0', new Date('2026-02-01T00:00:00Z'))).toBe(true);
    expect(String(map(doc, 0).get('content'))).toBe('');
    expect(map(doc, 0).get('toolCalls')).toEqual([]);
    expect(threadFieldsOf(map(doc, 0)).deletedAt).toBe('2026-02-01T00:00:00.000Z');
    expect(deleteMessage(doc, 'nowhere')).toBe(false);
  });

  it('reads fields of the wrong type as absent', () => {
    const message = new Y.Map<unknown>();
    new Y.Doc().getArray('messages').push([message]);
    message.set('parentId', 7);
    message.set('alternativeOf', { x: 1 });
    message.set('deletedAt', 3);
    expect(threadFieldsOf(message)).toEqual({ parentId: undefined, alternativeOf: undefined, shown: {}, deletedAt: null });
  });
});

describe('rearrangeThread', () => {
  const withText = (message: ThreadMessage, text: string) => ({ ...message, text });
  const before = [withText(m('q', null), 'Q'), withText(m('a', 'q'), 'A'), withText(m('b', 'q', 'a'), 'B')];
  const thread = arrangeThread(before, 'ann');

  it('keeps the arrangement when only text changed, with the new message in its step', () => {
    const after = [before[0]!, before[1]!, withText(before[2]!, 'B, longer')];
    const next = rearrangeThread(before, thread, after, 'ann');
    expect(next).toEqual(arrangeThread(after, 'ann'));
    expect(next[0]).toBe(thread[0]);
    expect(next[1]?.message).toBe(after[2]);
  });

  it('arranges afresh when a message moved in the thread or one was added', () => {
    const chosen = [withText(m('q', null), 'Q'), withText(m('a', 'q', undefined, { ann: 'a' }), 'A'), before[2]!];
    expect(ids(rearrangeThread(before, thread, chosen, 'ann'))).toEqual(['q', 'a']);
    const added = [...before, withText(m('c', 'b'), 'C')];
    expect(ids(rearrangeThread(before, thread, added, 'ann'))).toEqual(['q', 'b', 'c']);
  });
});
