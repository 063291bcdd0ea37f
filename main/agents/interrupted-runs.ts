import { documentName } from '../../shared/sync/document-name';
import { ConversationEditor } from './conversation-editor';
import type { ConversationDocuments } from './conversation-editor';
import { findMessage, readMessage } from '../../shared/sync/conversation-document';
import { endAnswer } from '../../shared/agents/end-answer';
import type { RunJournal } from './run-journal';

/** What an answer cut off by the app closing says after what it had written. */
export const interruptedNotice = 'The answer stopped here: Quorum closed before it finished. Ask again to get a whole answer.';

export interface InterruptedRunsAccount {
  /** The account the journal keys runs by. */
  readonly key: string;
  readonly userId: string;
  readonly documents: ConversationDocuments & {
    open(name: string): Promise<unknown>;
    close(name: string): Promise<void>;
  };
}

/**
 * Ends the answers this device's runs were writing when the app last closed without ending them:
 * each is marked `error` with a notice, like any failed run, so nobody waits on it and the server
 * records the run. Only answers still streaming and run by this user are touched; one that
 * someone else already ended, or that is gone, is left as it is. The edits are local edits: they
 * are stored here at once and reach the server when it can be reached. Returns how many ended here.
 */
export async function endInterruptedRuns(journal: RunJournal, account: InterruptedRunsAccount): Promise<number> {
  let ended = 0;
  for (const run of journal.unfinished(account.key)) {
    const name = documentName('conversation', run.conversationId);
    try {
      await account.documents.open(name);
    } catch {
      // The conversation is no longer this user's to open (deleted, or access ended): nothing to end.
      journal.ended(run.messageId);
      continue;
    }
    const editor = new ConversationEditor(account.documents, name);
    try {
      editor.edit((doc) => {
        const message = findMessage(doc, run.messageId);
        const read = message === undefined ? undefined : readMessage(message, false);
        if (message === undefined || read?.status !== 'streaming' || read.author.kind !== 'agent' || read.author.runBy !== account.userId) return;
        endAnswer(message, 'error', interruptedNotice);
        ended += 1;
      });
      journal.ended(run.messageId);
    } finally {
      editor.dispose();
      await account.documents.close(name);
    }
  }
  return ended;
}
