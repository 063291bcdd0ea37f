import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { Message } from '../../../../shared/domain/message';
import { deleteMessage } from '../../../../shared/sync/message-thread';
import { appendMessage, appendText, conversationIndex, createMessageReader, findMessage, messageIds, messageList, rateMessage, readConversationIndex, readMessage, readMessages, setIndexEntry } from '../../../../shared/sync/conversation-document';

const userId = 'usr_0123456789abcdef0123';
const createdAt = '2025-01-31T09:30:00.000Z';
const messageId = (n: number) => `msg_${String(n).padStart(16, '0')}`;

function write(doc: Y.Doc, n: number, text = `m${String(n)}`) {
  return appendMessage(doc, { id: messageId(n), author: { kind: 'user', userId }, createdAt, text });
}

describe('conversation document: messages', () => {
  it('appends a message with every field the schema requires', () => {
    const doc = new Y.Doc();
    const map = write(doc, 1, 'hello');
    const json = map.toJSON() as Record<string, unknown>;
    expect(Message.omit({ conversationId: true }).strict().safeParse(json).success).toBe(true);
    expect(readMessages(doc)).toEqual([
      {
        id: messageId(1),
        author: { kind: 'user', userId },
        createdAt,
        content: 'hello',
        editedAt: null,
        toolCalls: [],
        ratings: {},
        status: 'complete',
        parentId: undefined,
        alternativeOf: undefined,
        shown: {},
        deletedAt: null,
        citations: [],
      },
    ]);
  });

  it('places a message in the thread when told where, and reads a tombstone without its text', () => {
    const doc = new Y.Doc();
    write(doc, 1, 'first');
    appendMessage(doc, { id: messageId(2), author: { kind: 'user', userId }, createdAt, text: 'second', place: { parentId: messageId(1) } });
    expect(readMessages(doc)[1]).toMatchObject({ parentId: messageId(1), shown: {}, deletedAt: null, content: 'second' });
    deleteMessage(doc, messageId(2));
    expect(readMessages(doc)[1]).toMatchObject({ content: '', deletedAt: expect.any(String) });
  });

  it('leaves out entries that do not parse instead of guessing at them', () => {
    const doc = new Y.Doc();
    write(doc, 1);
    const forged = new Y.Map<unknown>();
    messageList(doc).push(['just a string', forged]);
    forged.set('id', messageId(2));
    forged.set('author', { kind: 'robot' });
    forged.set('createdAt', createdAt);
    expect(readMessages(doc).map((m) => m.id)).toEqual([messageId(1)]);
    expect(readMessage(forged)).toBeUndefined();
    expect(messageIds(doc)).toEqual(new Set([messageId(1), messageId(2)]));
  });

  it('reads a message without its text when asked, and finds it by id', () => {
    const doc = new Y.Doc();
    write(doc, 1, 'first');
    const map = write(doc, 2, 'Revenue');
    appendText(map, ' grew');
    expect(findMessage(doc, messageId(2))).toBe(map);
    expect(findMessage(doc, messageId(3))).toBeUndefined();
    expect(readMessage(map)?.content).toBe('Revenue grew');
    expect(readMessage(map, false)?.content).toBe('');
  });

  it('rates a message once per user and refuses a message that is not there', () => {
    const doc = new Y.Doc();
    write(doc, 1);
    expect(rateMessage(doc, messageId(1), userId, 4)).toBe(true);
    expect(rateMessage(doc, messageId(1), userId, 2)).toBe(true);
    expect(rateMessage(doc, messageId(9), userId, 2)).toBe(false);
    expect(readMessages(doc)[0]?.ratings).toEqual({ [userId]: 2 });
  });

  it('reuses what it read of messages that did not change', () => {
    const doc = new Y.Doc();
    for (let i = 0; i < 3; i += 1) write(doc, i);
    const reader = createMessageReader(doc);
    const first = reader.read();
    let events: Y.YEvent<Y.AbstractType<unknown>>[] = [];
    messageList(doc).observeDeep((e) => {
      events = e;
    });
    rateMessage(doc, first[1]?.id ?? '', userId, 4);
    reader.invalidate(events);
    const second = reader.read();
    expect(second[0]).toBe(first[0]);
    expect(second[1]).not.toBe(first[1]);
    expect(second[1]?.ratings).toEqual({ [userId]: 4 });
  });

  it('reads only the changed message while the list keeps its shape, and the whole list again once it changes', () => {
    const doc = new Y.Doc();
    for (let i = 0; i < 3; i += 1) write(doc, i);
    const reader = createMessageReader(doc);
    messageList(doc).observeDeep((events) => reader.invalidate(events));
    const first = reader.read();
    appendText(messageList(doc).get(2) as Y.Map<unknown>, ' more');
    const second = reader.read();
    expect(second).not.toBe(first);
    expect(second.slice(0, 2)).toEqual(first.slice(0, 2));
    expect(second[0]).toBe(first[0]);
    expect(second[2]?.content).toBe(`${first[2]?.content ?? ''} more`);
    // A message added, then one removed: the whole list is read again, in its new order.
    write(doc, 3);
    expect(reader.read().map((message) => message.content)).toEqual([...second.map((message) => message.content), readMessages(doc)[3]?.content]);
    messageList(doc).delete(0, 1);
    appendText(messageList(doc).get(0) as Y.Map<unknown>, '!');
    expect(reader.read()).toEqual(readMessages(doc));
  });
});

describe('conversation document: the project index', () => {
  const conversation = { id: 'cnv_0123456789abcdef', title: 'Budget', createdBy: userId, createdAt };

  it('reads back what the writer listed, marked shared', () => {
    const doc = new Y.Doc();
    setIndexEntry(doc, conversation);
    expect(readConversationIndex(doc)).toEqual([{ ...conversation, kind: 'shared' }]);
  });

  it('leaves out an entry filed under another id than its own, or one that does not parse', () => {
    const doc = new Y.Doc();
    setIndexEntry(doc, conversation);
    const misfiled = new Y.Map<unknown>();
    conversationIndex(doc).set('cnv_fedcba9876543210', misfiled);
    for (const [key, value] of Object.entries({ ...conversation, kind: 'shared' })) misfiled.set(key, value);
    conversationIndex(doc).set('cnv_aaaaaaaaaaaaaaaa', 'a plain string');
    expect(readConversationIndex(doc).map((c) => c.id)).toEqual([conversation.id]);
  });
});
