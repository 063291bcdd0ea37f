import * as Y from 'yjs';
import { endAnswer } from '../../shared/agents/end-answer';
import type { DocumentEditor } from '../sync/document-editor';
import type { RunQueue } from './run-queue';

/** What an answer the server was writing when it stopped says after what it had written. */
export const serverInterruptedNotice = 'The answer stopped here: the server stopped before it finished. Ask again to get a whole answer.';

/**
 * At start: every run the last process left `running` is ended as failed, and its answer, if
 * still streaming, gets the notice and the status `error` as the member who asked, so no answer
 * waits forever. Returns the answers ended; a conversation gone since is skipped and reported.
 */
export async function endInterruptedRuns(queue: RunQueue, documents: DocumentEditor, onSkipped: (conversationId: string, error: unknown) => void): Promise<number> {
  let ended = 0;
  for (const run of await queue.failInterrupted(serverInterruptedNotice)) {
    try {
      documents.edit({ kind: 'conversation', id: run.conversationId }, run.requestedBy, (doc) => {
        const message = doc
          .getArray<unknown>('messages')
          .toArray()
          .find((entry): entry is Y.Map<unknown> => entry instanceof Y.Map && entry.get('id') === run.messageId);
        if (message === undefined || message.get('status') !== 'streaming') return;
        endAnswer(message, 'error', serverInterruptedNotice);
        ended += 1;
      });
    } catch (error) {
      onSkipped(run.conversationId, error);
    }
  }
  return ended;
}
