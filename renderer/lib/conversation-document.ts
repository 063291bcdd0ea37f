import * as Y from 'yjs';
import type { Citation } from '../../shared/domain/citation';
import type { MessageAuthor, MessageStatus, ToolCall } from '../../shared/domain/message';
import { randomEntityId } from './random-entity-id';

/** A message as the views read it: plain values copied out of its Y.Map. */
export interface MessageView {
  readonly id: string;
  readonly author: MessageAuthor;
  readonly createdAt: string;
  readonly content: string;
  readonly status: MessageStatus;
  readonly toolCalls: readonly ToolCall[];
  /** The knowledge passages an answer cites. */
  readonly citations: readonly Citation[];
  readonly ratings: Readonly<Record<string, number>>;
}

export function messagesOf(doc: Y.Doc): Y.Array<Y.Map<unknown>> {
  return doc.getArray<Y.Map<unknown>>('messages');
}

function readMessage(map: Y.Map<unknown>): MessageView | null {
  const id = map.get('id');
  const author = map.get('author') as MessageAuthor | undefined;
  const createdAt = map.get('createdAt');
  const content = map.get('content');
  if (typeof id !== 'string' || author === undefined || typeof createdAt !== 'string') return null;
  const ratings = map.get('ratings');
  const status = map.get('status');
  const toolCalls = map.get('toolCalls');
  const citations = map.get('citations');
  return {
    id,
    author,
    createdAt,
    content: content instanceof Y.Text ? content.toString() : typeof content === 'string' ? content : '',
    status: typeof status === 'string' ? (status as MessageStatus) : 'complete',
    toolCalls: Array.isArray(toolCalls) ? (toolCalls as ToolCall[]) : [],
    // Checked by the update guard on both sides before it was stored.
    citations: Array.isArray(citations) ? (citations as Citation[]) : [],
    ratings: ratings instanceof Y.Map ? (ratings.toJSON() as Record<string, number>) : {},
  };
}

/**
 * Reads the conversation's messages, reusing the views of messages that did not change: a
 * streamed answer touches one message per update, and a conversation may hold ten thousand.
 */
export function createMessageReader(doc: Y.Doc) {
  const cache = new WeakMap<Y.Map<unknown>, MessageView | null>();
  const array = messagesOf(doc);
  return {
    /** Forgets the messages these events touched. */
    invalidate(events: readonly Y.YEvent<Y.AbstractType<unknown>>[]) {
      for (const event of events) {
        let type: Y.AbstractType<unknown> | null = event.target;
        while (type !== null && type.parent !== array) type = type.parent as Y.AbstractType<unknown> | null;
        if (type instanceof Y.Map) cache.delete(type);
      }
    },
    read(): MessageView[] {
      const views: MessageView[] = [];
      for (const map of array) {
        let view = cache.get(map);
        if (view === undefined) {
          view = readMessage(map);
          cache.set(map, view);
        }
        if (view !== null) views.push(view);
      }
      return views;
    },
  };
}

/** Appends a person's message exactly as the document schema requires. */
export function appendUserMessage(doc: Y.Doc, userId: string, text: string, now = new Date()): string {
  const id = randomEntityId('msg');
  doc.transact(() => {
    const message = new Y.Map<unknown>();
    message.set('id', id);
    message.set('author', { kind: 'user', userId } satisfies MessageAuthor);
    message.set('createdAt', now.toISOString());
    message.set('content', new Y.Text(text));
    message.set('status', 'complete');
    message.set('editedAt', null);
    message.set('toolCalls', []);
    message.set('ratings', new Y.Map());
    messagesOf(doc).push([message]);
  });
  return id;
}

/** Sets (or replaces) this user's rating of a message. */
export function rate(doc: Y.Doc, messageId: string, userId: string, rating: number): void {
  for (const map of messagesOf(doc)) {
    if (map.get('id') !== messageId) continue;
    const ratings = map.get('ratings');
    if (ratings instanceof Y.Map) ratings.set(userId, rating);
    return;
  }
}

/** The shared conversations listed in a project document's index. */
export interface IndexedConversation {
  readonly id: string;
  readonly title: string;
  readonly createdBy: string;
  readonly createdAt: string;
}

export function readConversationIndex(doc: Y.Doc): IndexedConversation[] {
  const index = doc.getMap<unknown>('conversations');
  const found: IndexedConversation[] = [];
  for (const value of index.values()) {
    const entry = value instanceof Y.Map ? (value.toJSON() as Record<string, unknown>) : (value as Record<string, unknown> | null);
    if (entry === null || typeof entry !== 'object') continue;
    const { id, title, createdBy, createdAt } = entry;
    if (typeof id === 'string' && typeof createdBy === 'string' && typeof createdAt === 'string') {
      found.push({ id, title: typeof title === 'string' ? title : '', createdBy, createdAt });
    }
  }
  return found;
}
