import type { DocumentMessage } from '../../shared/sync/conversation-document';
import type { ChatMessage } from '../providers/chat-types';

/**
 * The conversation as chat messages: people's messages as `user`, agents' answers as `assistant`.
 * Answers that failed or are still streaming are left out: their text is an error notice or half
 * an answer, not something the model said.
 */
export function toChatMessages(history: readonly DocumentMessage[]): ChatMessage[] {
  return history.flatMap((message): ChatMessage[] => {
    if (message.author.kind === 'user') return message.content.trim() === '' ? [] : [{ role: 'user', content: message.content }];
    if (message.status === 'error' || message.status === 'streaming' || message.content.trim() === '') return [];
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
