import type * as Y from 'yjs';
import type { MessageStatus } from '../domain/message';
import { messageText } from '../sync/conversation-document';

export type FinalStatus = Exclude<MessageStatus, 'streaming' | 'waiting'>;

/** An answer still to come: queued on the server or arriving. */
export function isOpenStatus(status: MessageStatus): boolean {
  return status === 'streaming' || status === 'waiting';
}

/** Gives an answer its final status, with a notice after what was written when there is one to say. */
export function endAnswer(message: Y.Map<unknown>, status: FinalStatus, notice: string | null): void {
  if (notice !== null) {
    const content = messageText(message);
    if (content !== undefined) content.insert(content.length, `${content.length > 0 ? '\n\n' : ''}${notice}`);
  }
  message.set('status', status);
}
