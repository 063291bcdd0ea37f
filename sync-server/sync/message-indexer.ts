import type { Message } from '../../shared/domain/message';
import { documentName } from '../../shared/sync/document-name';
import type { Services } from '../http/services';
import type { DocumentStore } from './document-store';
import type { LiveDocument } from './live-document';
import { MessageIndex } from './message-index';
import { recordRuns } from './run-recorder';
import { messageIds, readMessage, readMessages } from '../../shared/sync/conversation-document';

/**
 * What the server derives from conversation messages (the message search index and the agent
 * runs), brought up to date in the background once a batch is stored and sent: it is no reason to
 * make the next message wait. The batch's own transaction marks the conversation (one row in
 * `message_index_backlog`); the index clears the mark once it holds what was stored, and a
 * conversation still marked when the server starts (it stopped in between) is indexed again from
 * storage. A failure here is logged and never costs a stored batch.
 */
export class MessageIndexer {
  private readonly queue = new Set<LiveDocument>();
  private timer: NodeJS.Timeout | undefined;
  private readonly index: MessageIndex;
  private readonly statements;

  constructor(
    private readonly services: Services,
    private readonly store: DocumentStore,
    /** How long stored changes wait, so that one indexing run takes many batches at once. */
    private readonly delayMs: number,
  ) {
    const db = services.db;
    this.index = new MessageIndex(db);
    this.statements = {
      mark: db.prepare('INSERT OR IGNORE INTO message_index_backlog (conversation_id) VALUES (?)'),
      clear: db.prepare('DELETE FROM message_index_backlog WHERE conversation_id = ?'),
      marked: db.prepare('SELECT conversation_id FROM message_index_backlog'),
      facts: db.prepare('SELECT org_id, project_id FROM conversations WHERE id = ?'),
    };
  }

  /** Call inside the transaction that stores a batch of the conversation's updates. */
  mark(live: LiveDocument): void {
    this.statements.mark.run(live.parsed.id);
    live.messageChanges?.stored(this.services.now().getTime());
  }

  /** Call once the batch is stored and sent: the conversation is indexed shortly, with whatever else is stored by then. */
  schedule(live: LiveDocument): void {
    this.queue.add(live);
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.run();
    }, this.delayMs);
    this.timer.unref();
  }

  /** Indexes everything waiting now: before a read of the index, and before a document leaves memory. */
  run(only?: LiveDocument): void {
    const lives = only === undefined ? [...this.queue] : this.queue.has(only) ? [only] : [];
    if (lives.length === 0) return;
    for (const live of lives) this.queue.delete(live);
    const db = this.services.db;
    // What this transaction writes is derived from stored updates, and the mark it clears is cleared
    // with it or not at all: lost to a power cut, it is made again from storage at the next start. It
    // need not wait for the disk, and does not hold up the sync traffic while the disk syncs.
    const restore = db.inTransaction ? undefined : (db.pragma('synchronous', { simple: true }) as number);
    if (restore !== undefined) db.pragma('synchronous = NORMAL');
    try {
      this.services.write(() => {
        for (const live of lives) this.indexChanges(live);
      });
    } catch (error) {
      this.services.log.error({ err: error }, 'updating the message index and agent runs failed');
    } finally {
      if (restore !== undefined) db.pragma(`synchronous = ${restore}`);
    }
  }

  private indexChanges(live: LiveDocument): void {
    const tracker = live.messageChanges;
    if (tracker === undefined) return;
    const conversationId = live.parsed.id;
    const { changed, storedAt, removed } = tracker.take();
    const facts = this.statements.facts.get(conversationId) as { org_id: string; project_id: string } | undefined;
    // A conversation gone from the directory has nothing left to index or count; its index rows went with it.
    if (facts) {
      // An answer still streaming is neither indexed nor a finished run yet: reading its whole text at
      // every word it grows by would make a long answer cost more with each batch.
      const messages: Message[] = [];
      const stored = new Map<string, number>();
      for (const map of changed) {
        const read = readMessage(map, map.get('status') !== 'streaming');
        if (read === undefined) continue;
        const message: Message = { ...read, conversationId };
        messages.push(message);
        const at = storedAt.get(map);
        if (at !== undefined) stored.set(message.id, at);
      }
      this.index.update(conversationId, messages, removed ? messageIds(live.doc) : undefined);
      recordRuns(this.services, { orgId: facts.org_id, projectId: facts.project_id, conversationId }, messages, tracker.streamingSince, stored);
    }
    // What memory holds beyond storage is indexed too; the mark stays until storage has caught up,
    // so that a stop before then indexes from storage again.
    if (live.pending.length === 0) this.statements.clear.run(conversationId);
  }

  /** Indexes again, from storage, every conversation still marked: the server stopped before its index caught up. */
  recover(): void {
    const marked = (this.statements.marked.all() as { conversation_id: string }[]).map((row) => row.conversation_id);
    for (const conversationId of marked) {
      try {
        this.services.write(() => {
          const facts = this.statements.facts.get(conversationId) as { org_id: string; project_id: string } | undefined;
          if (facts) {
            const { doc } = this.store.load(documentName('conversation', conversationId));
            try {
              const messages = readMessages(doc).map((message): Message => ({ ...message, conversationId }));
              this.index.update(conversationId, messages, new Set(messages.map((m) => m.id)));
              recordRuns(this.services, { orgId: facts.org_id, projectId: facts.project_id, conversationId }, messages, new Map());
            } finally {
              doc.destroy();
            }
          }
          this.statements.clear.run(conversationId);
        });
      } catch (error) {
        this.services.log.error({ err: error, conversationId }, 're-indexing a conversation from storage failed');
      }
    }
  }

  /** Forgets a document leaving memory unindexed (its memory was not to be trusted): its mark stays for storage to be read. */
  drop(live: LiveDocument): void {
    this.queue.delete(live);
  }

  close(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.run();
  }
}
