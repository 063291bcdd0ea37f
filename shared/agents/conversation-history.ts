import type { DocumentMessage, ThreadedMessage } from '../sync/conversation-document';
import { arrangeThread, threadThrough } from '../sync/message-thread';
import type { ChatMessage } from '../providers/chat-types';
import { isOpenStatus } from './end-answer';

/**
 * The branch of the thread an answer reads, as `reader` sees it: up to and including `replyTo`
 * when given (an answer regenerated, a message edited and resent), else the whole thread. Null
 * when `replyTo` is not in the conversation.
 */
export function historyFor(messages: readonly ThreadedMessage[], reader: string, replyTo: string | undefined): ThreadedMessage[] | null {
  const steps = replyTo === undefined ? arrangeThread(messages, reader) : threadThrough(messages, reader, replyTo);
  if (replyTo !== undefined && steps.length === 0) return null;
  return steps.map((step) => step.message);
}

/**
 * The conversation as chat messages: people's messages as `user`, agents' answers as `assistant`.
 * Answers that failed or are still streaming are left out: their text is an error notice or half
 * an answer, not something the model said.
 */
export function toChatMessages(history: readonly DocumentMessage[]): ChatMessage[] {
  return history.flatMap((message): ChatMessage[] => {
    if (message.author.kind === 'user') return message.content.trim() === '' ? [] : [{ role: 'user', content: message.content }];
    if (message.status === 'error' || isOpenStatus(message.status) || message.content.trim() === '') return [];
    return [{ role: 'assistant', content: message.content }];
  });
}

/** The text of the latest message a person wrote: the question the run answers. */
export function latestUserText(history: readonly DocumentMessage[]): string | null {
  for (let index = history.length - 1; index >= 0; index -= 1) {
    const message = history[index];
    if (message?.author.kind === 'user' && message.content.trim() !== '') return message.content;
  }
  return null;
}
