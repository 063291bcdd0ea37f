import * as Y from 'yjs';
import { Message } from '../../shared/domain/message';

/**
 * A message of a conversation document in the domain's shape, or `undefined` when its fields do
 * not make one (the guard checks every write; what still does not parse is left out rather than
 * guessed at). Fields a writer may leave out take their meaning: no status is a complete message.
 * `withText: false` leaves the text out (as ''), for readers that do not need it.
 */
export function readMessage(map: Y.Map<unknown>, conversationId: string, withText = true): Message | undefined {
  const content = map.get('content');
  const ratings = map.get('ratings');
  const parsed = Message.safeParse({
    id: map.get('id'),
    conversationId,
    author: map.get('author'),
    content: withText && content instanceof Y.Text ? content.toString() : '',
    createdAt: map.get('createdAt'),
    editedAt: map.get('editedAt') ?? null,
    toolCalls: map.get('toolCalls') ?? [],
    ratings: ratings instanceof Y.Map ? ratings.toJSON() : {},
    status: map.get('status') ?? 'complete',
  });
  return parsed.success ? parsed.data : undefined;
}

export function messagesArray(doc: Y.Doc): Y.Array<unknown> {
  return doc.getArray('messages');
}

/** Every readable message of a conversation document, in document order. */
export function readMessages(doc: Y.Doc, conversationId: string): Message[] {
  return messagesArray(doc)
    .toArray()
    .flatMap((item) => {
      const message = item instanceof Y.Map ? readMessage(item as Y.Map<unknown>, conversationId) : undefined;
      return message === undefined ? [] : [message];
    });
}

/** The ids of the messages in a conversation document, without reading their text. */
export function messageIds(doc: Y.Doc): Set<string> {
  const ids = new Set<string>();
  for (const item of messagesArray(doc)) {
    const id = item instanceof Y.Map ? (item as Y.Map<unknown>).get('id') : undefined;
    if (typeof id === 'string') ids.add(id);
  }
  return ids;
}
