import type * as Y from 'yjs';
import { MessageAuthor, MessageStatus } from '../../shared/domain/message';
import type { ThreadMessage } from '../../shared/sync/message-thread';
import { arrangeThread, threadFieldsOf, threadThrough } from '../../shared/sync/message-thread';
import type { ChatMessage } from '../providers/chat-types';

/** One message of the conversation as the prompt sees it. */
export interface HistoryMessage extends ThreadMessage {
  readonly id: string;
  readonly author: MessageAuthor;
  readonly status: MessageStatus;
  readonly text: string;
}

export function messagesRoot(doc: Y.Doc): Y.Array<Y.Map<unknown>> {
  return doc.getArray<Y.Map<unknown>>('messages');
}

function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value !== null && typeof value === 'object' && 'toString' in value) return String(value);
  return '';
}

/** The conversation's messages in array order; entries that do not fit the schema are left out. */
export function readHistory(doc: Y.Doc): HistoryMessage[] {
  return messagesRoot(doc)
    .toArray()
    .flatMap((entry) => {
      const author = MessageAuthor.safeParse(entry.get('author'));
      const id = entry.get('id');
      if (!author.success || typeof id !== 'string') return [];
      const status = MessageStatus.safeParse(entry.get('status'));
      const { deletedAt, ...place } = threadFieldsOf(entry);
      // A deleted message is a tombstone: nothing of it goes to a model.
      const text = deletedAt === null ? textOf(entry.get('content')) : '';
      return [{ id, author: author.data, status: status.success ? status.data : 'complete', text, ...place }];
    });
}

/**
 * The branch of the thread an answer reads, as `reader` sees it: up to and including `replyTo`
 * when given (an answer regenerated, a message edited and resent), else the whole thread. Null
 * when `replyTo` is not in the conversation.
 */
export function historyFor(messages: readonly HistoryMessage[], reader: string, replyTo: string | undefined): HistoryMessage[] | null {
  const steps = replyTo === undefined ? arrangeThread(messages, reader) : threadThrough(messages, reader, replyTo);
  if (replyTo !== undefined && steps.length === 0) return null;
  return steps.map((step) => step.message);
}

/**
 * The conversation as chat messages: people's messages as `user`, agents' answers as `assistant`.
 * Answers that failed or are still streaming are left out: their text is an error notice or half
 * an answer, not something the model said.
 */
export function toChatMessages(history: readonly HistoryMessage[]): ChatMessage[] {
  return history.flatMap((message): ChatMessage[] => {
    if (message.author.kind === 'user') return message.text.trim() === '' ? [] : [{ role: 'user', content: message.text }];
    if (message.status === 'error' || message.status === 'streaming' || message.text.trim() === '') return [];
    return [{ role: 'assistant', content: message.text }];
  });
}

/** The text of the latest message a person wrote: the question the run answers. */
export function latestUserText(history: readonly HistoryMessage[]): string | null {
  for (let index = history.length - 1; index >= 0; index -= 1) {
    const message = history[index];
    if (message?.author.kind === 'user' && message.text.trim() !== '') return message.text;
  }
  return null;
}
