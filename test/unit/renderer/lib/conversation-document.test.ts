import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { Message } from '../../../../shared/domain/message';
import { appendUserMessage, createMessageReader, messagesOf, rate } from '../../../../renderer/lib/conversation-document';

const userId = 'usr_0123456789abcdef0123';

describe('conversation document', () => {
  it('appends a message with every field the schema requires', () => {
    const doc = new Y.Doc();
    const id = appendUserMessage(doc, userId, 'hello', new Date('2025-01-31T09:30:00.000Z'));
    const json = messagesOf(doc).get(0).toJSON() as Record<string, unknown>;
    expect(Message.omit({ conversationId: true }).safeParse(json).success).toBe(true);
    expect(json['id']).toBe(id);
  });

  it('reuses the views of messages that did not change', () => {
    const doc = new Y.Doc();
    for (let i = 0; i < 3; i += 1) appendUserMessage(doc, userId, `m${String(i)}`);
    const reader = createMessageReader(doc);
    const first = reader.read();
    let events: Y.YEvent<Y.AbstractType<unknown>>[] = [];
    messagesOf(doc).observeDeep((e) => {
      events = e;
    });
    rate(doc, first[1]?.id ?? '', userId, 4);
    reader.invalidate(events);
    const second = reader.read();
    expect(second[0]).toBe(first[0]);
    expect(second[1]).not.toBe(first[1]);
    expect(second[1]?.ratings).toEqual({ [userId]: 4 });
  });
});
