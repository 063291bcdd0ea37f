import * as Y from 'yjs';
import { z } from 'zod';
import { ConversationId, UserId } from '../domain/ids';
import { Message } from '../domain/message';
import type { MessageAuthor, MessageStatus } from '../domain/message';
import { ConversationTitle } from '../domain/conversation';
import { ConversationActivity } from '../domain/conversation-activity';
import { Timestamp } from '../domain/timestamp';
import type { ThreadMessage, ThreadPlace } from './message-thread';
import { placeInThread, threadFieldsOf } from './message-thread';

/*
 * The one reader and writer of conversation content inside Yjs documents: a conversation
 * document's `messages` array and a project document's `conversations` index, in the shape
 * `document-schema.ts` declares. Every read is parsed with the domain's schemas; an entry that
 * does not parse is left out rather than guessed at (the guard checks every write, so only a
 * document older than a rule can hold one). Renderer, main, the server and the tests all read and
 * write through here.
 */

/** A message as a conversation document holds it: the domain's message without the conversation it sits in. */
export const DocumentMessage = Message.omit({ conversationId: true });
export type DocumentMessage = z.infer<typeof DocumentMessage>;

/** A message as readers get it: with its place in the thread, and `deletedAt` null unless it is a tombstone. */
export type ThreadedMessage = DocumentMessage & ThreadMessage & { readonly deletedAt: string | null };

/** The root of a conversation document holding its messages, each a `Y.Map`. */
export function messageList(doc: Y.Doc): Y.Array<unknown> {
  return doc.getArray('messages');
}

/** The entries of the messages root that are maps, in document order, whatever their fields hold. */
export function messageMaps(doc: Y.Doc): Y.Map<unknown>[] {
  return messageList(doc)
    .toArray()
    .filter((entry): entry is Y.Map<unknown> => entry instanceof Y.Map);
}

/** The map of the message with `id`, wherever it sits now. */
export function findMessage(doc: Y.Doc, id: string): Y.Map<unknown> | undefined {
  for (const entry of messageList(doc)) if (entry instanceof Y.Map && entry.get('id') === id) return entry as Y.Map<unknown>;
  return undefined;
}

/** A message's text, the `Y.Text` that streamed answers grow. */
export function messageText(map: Y.Map<unknown>): Y.Text | undefined {
  const content = map.get('content');
  return content instanceof Y.Text ? content : undefined;
}

/** A message's ratings map (one entry per user). */
export function messageRatings(map: Y.Map<unknown>): Y.Map<unknown> | undefined {
  const ratings = map.get('ratings');
  return ratings instanceof Y.Map ? (ratings as Y.Map<unknown>) : undefined;
}

/**
 * One message, or `undefined` when its fields do not make one. Fields a writer may leave out take
 * their meaning: no status is a complete message, no edit time is never edited, no thread fields
 * is a message written before threads. `withText: false` leaves the text out (as ''), for readers
 * that do not need it (an answer still streaming). A tombstone has no text and cites nothing.
 */
export function readMessage(map: Y.Map<unknown>, withText = true): ThreadedMessage | undefined {
  const text = withText ? messageText(map) : undefined;
  const thread = threadFieldsOf(map);
  const parsed = DocumentMessage.safeParse({
    id: map.get('id'),
    author: map.get('author'),
    content: text === undefined || thread.deletedAt !== null ? '' : text.toString(),
    createdAt: map.get('createdAt'),
    editedAt: map.get('editedAt') ?? null,
    toolCalls: map.get('toolCalls') ?? [],
    ratings: messageRatings(map)?.toJSON() ?? {},
    status: map.get('status') ?? 'complete',
    citations: thread.deletedAt === null ? (map.get('citations') ?? []) : [],
  });
  return parsed.success ? { ...parsed.data, ...thread } : undefined;
}

/** Every readable message of a conversation document, in document order. */
export function readMessages(doc: Y.Doc): ThreadedMessage[] {
  return messageMaps(doc).flatMap((map) => readMessage(map) ?? []);
}

/** The ids of the messages in a conversation document, without reading their text. */
export function messageIds(doc: Y.Doc): Set<string> {
  const ids = new Set<string>();
  for (const entry of messageList(doc)) {
    const id = entry instanceof Y.Map ? entry.get('id') : undefined;
    if (typeof id === 'string') ids.add(id);
  }
  return ids;
}

/** The message the map in the messages root that contains `type` stands for (the map itself, or an ancestor). */
function messageMapAbove(list: Y.Array<unknown>, type: Y.AbstractType<unknown> | null): Y.Map<unknown> | undefined {
  let current = type;
  while (current !== null && current.parent !== list) current = current.parent as Y.AbstractType<unknown> | null;
  return current instanceof Y.Map ? (current as Y.Map<unknown>) : undefined;
}

/**
 * Reads the conversation's messages, reusing what it read of messages that did not change: a
 * streamed answer touches one message per update, and a conversation may hold ten thousand. When
 * no message was added, removed or moved since the last read, the last array is copied with only
 * the changed messages read again, so a streamed token costs one message's read, not a walk of
 * the whole list.
 */
export function createMessageReader(doc: Y.Doc) {
  const cache = new WeakMap<Y.Map<unknown>, ThreadedMessage | null>();
  const list = messageList(doc);
  /** The last read, and where each message map stood in it. */
  let last: { messages: ThreadedMessage[]; at: Map<Y.Map<unknown>, number> } | null = null;
  /** Maps changed since the last read; null when the list itself changed (a full read is due). */
  let changed: Set<Y.Map<unknown>> | null = new Set();
  return {
    /** Forgets the messages these events touched. */
    invalidate(events: readonly Y.YEvent<Y.AbstractType<unknown>>[]) {
      for (const event of events) {
        if (event.target === list) {
          changed = null;
          continue;
        }
        const map = messageMapAbove(list, event.target);
        if (map === undefined) continue;
        cache.delete(map);
        changed?.add(map);
      }
    },
    read(): ThreadedMessage[] {
      if (last !== null && changed !== null) {
        const at = last.at;
        const updated = [...changed];
        // A changed message that did not parse before (or does not now) moves the others: read all.
        if (updated.every((map) => at.has(map))) {
          const messages = last.messages.slice();
          let whole = true;
          for (const map of updated) {
            const message = readMessage(map) ?? null;
            cache.set(map, message);
            if (message === null) whole = false;
            else messages[at.get(map) ?? 0] = message;
          }
          if (whole) {
            changed = new Set();
            last = { messages, at };
            return messages;
          }
        }
      }
      const messages: ThreadedMessage[] = [];
      const at = new Map<Y.Map<unknown>, number>();
      for (const entry of list) {
        if (!(entry instanceof Y.Map)) continue;
        const map = entry as Y.Map<unknown>;
        let message = cache.get(map);
        if (message === undefined) {
          message = readMessage(map) ?? null;
          cache.set(map, message);
        }
        if (message !== null) {
          at.set(map, messages.length);
          messages.push(message);
        }
      }
      changed = new Set();
      last = { messages, at };
      return messages;
    },
  };
}

/** What a new message needs; the rest takes the schema's starting values. */
export interface NewMessage {
  readonly id: string;
  readonly author: MessageAuthor;
  readonly createdAt: string;
  readonly text: string;
  readonly status?: MessageStatus;
  /** Where it goes in the thread; without one it carries no thread fields (and follows the entry before it). */
  readonly place?: ThreadPlace;
}

/** A message map with every field the schema declares, ready to be pushed into a document's messages. */
export function newMessageMap(message: NewMessage): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  map.set('id', message.id);
  map.set('author', message.author);
  map.set('createdAt', message.createdAt);
  map.set('content', new Y.Text(message.text));
  map.set('status', message.status ?? 'complete');
  map.set('editedAt', null);
  map.set('toolCalls', []);
  map.set('ratings', new Y.Map());
  if (message.place !== undefined) placeInThread(map, message.place);
  return map;
}


/** Appends a message, in one transaction, and returns its map. */
export function appendMessage(doc: Y.Doc, message: NewMessage): Y.Map<unknown> {
  const map = newMessageMap(message);
  doc.transact(() => messageList(doc).push([map]));
  return map;
}

/** Adds `text` at the end of a message's text. */
export function appendText(map: Y.Map<unknown>, text: string): void {
  const content = messageText(map);
  if (content !== undefined) content.insert(content.length, text);
}

/** Sets (or replaces) this user's rating of a message; false when there is no such message. */
export function rateMessage(doc: Y.Doc, messageId: string, userId: string, rating: number): boolean {
  const ratings = findMessage(doc, messageId)?.get('ratings');
  if (!(ratings instanceof Y.Map)) return false;
  ratings.set(userId, rating);
  return true;
}

/** A shared conversation as a project document's index lists it. */
export const IndexedConversation = z.strictObject({
  id: ConversationId,
  title: ConversationTitle,
  kind: z.literal('shared'),
  createdBy: UserId,
  createdAt: Timestamp,
});
export type IndexedConversation = z.infer<typeof IndexedConversation>;

/** The root of a project document listing its shared conversations, keyed by conversation id. */
export function conversationIndex(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap('conversations');
}

/** One index entry, or `undefined` when it does not parse or is filed under another id than its own. */
export function readIndexEntry(key: string, value: unknown): IndexedConversation | undefined {
  if (!(value instanceof Y.Map)) return undefined;
  const { activity: _activity, ...fields } = value.toJSON() as Record<string, unknown>;
  const parsed = IndexedConversation.safeParse(fields);
  return parsed.success && parsed.data.id === key ? parsed.data : undefined;
}

/**
 * The latest activity any member recorded on an index entry (each member writes only their own
 * slot, for messages they wrote or answers their app ran), or undefined when none is recorded.
 */
export function readIndexActivity(value: unknown): ConversationActivity | undefined {
  const slots = value instanceof Y.Map ? value.get('activity') : undefined;
  if (!(slots instanceof Y.Map)) return undefined;
  let latest: ConversationActivity | undefined;
  for (const slot of slots.values()) {
    const parsed = ConversationActivity.safeParse(slot);
    if (parsed.success && (latest === undefined || parsed.data.at > latest.at)) latest = parsed.data;
  }
  return latest;
}

/** Records this member's latest activity on a shared conversation's index entry; false when the entry has no place for it. */
export function recordIndexActivity(doc: Y.Doc, conversationId: string, userId: string, activity: ConversationActivity): boolean {
  const slots = (conversationIndex(doc).get(conversationId) as Y.Map<unknown> | undefined)?.get('activity');
  if (!(slots instanceof Y.Map)) return false;
  const mine = ConversationActivity.safeParse(slots.get(userId));
  if (mine.success && mine.data.at === activity.at && mine.data.preview === activity.preview) return true;
  slots.set(userId, activity);
  return true;
}

/** Every readable entry of a project document's conversation index. */
export function readConversationIndex(doc: Y.Doc): IndexedConversation[] {
  return [...conversationIndex(doc).entries()].flatMap(([key, value]) => readIndexEntry(key, value) ?? []);
}

/** Lists a shared conversation in a project document's index (or replaces its entry). */
export function setIndexEntry(doc: Y.Doc, conversation: Omit<IndexedConversation, 'kind'>): Y.Map<unknown> {
  const entry = new Y.Map<unknown>();
  doc.transact(() => {
    conversationIndex(doc).set(conversation.id, entry);
    entry.set('id', conversation.id);
    entry.set('title', conversation.title);
    entry.set('kind', 'shared');
    entry.set('createdBy', conversation.createdBy);
    entry.set('createdAt', conversation.createdAt);
    entry.set('activity', new Y.Map());
  });
  return entry;
}
