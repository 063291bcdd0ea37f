import type { Services } from '../http/services';
import type { LiveDocument } from './live-document';
import { indexMessages } from './message-index';
import { recordRuns } from './run-recorder';
import { messageIds, readMessage } from './stored-messages';

/**
 * What the server derives from a conversation document's messages, brought up to date with the
 * messages a stored batch changed: the message search index and the agent runs. Runs inside the
 * transaction that stores the batch, so both exist exactly when the updates they come from do;
 * but in a savepoint of its own, so that a failure here is logged and never costs the batch itself.
 */
export function mirrorConversation(services: Services, live: LiveDocument): void {
  const tracker = live.messageChanges;
  if (tracker === undefined) return;
  const { changed, removed } = tracker.take();
  if (changed.length === 0 && !removed) return;
  const conversationId = live.parsed.id;
  const facts = services.db.prepare('SELECT org_id, project_id FROM conversations WHERE id = ?').get(conversationId) as
    | { org_id: string; project_id: string }
    | undefined;
  // A conversation gone from the directory has nothing left to index or count; its index rows went with it.
  if (!facts) return;
  // An answer still streaming is neither indexed nor a finished run yet: reading its whole text at
  // every word it grows by would make a long answer cost more with each batch.
  const messages = changed.flatMap((map) => readMessage(map, conversationId, map.get('status') !== 'streaming') ?? []);
  try {
    services.db.transaction(() => {
      indexMessages(services.db, conversationId, messages, removed ? messageIds(live.doc) : undefined);
      recordRuns(services, { orgId: facts.org_id, projectId: facts.project_id, conversationId }, messages, tracker.streamingSince);
    })();
  } catch (error) {
    services.log.error({ err: error, doc: live.name }, 'updating the message index and agent runs failed');
  }
}
