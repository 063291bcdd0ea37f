import type { Message } from '../../shared/domain/message';
import type { SqliteDatabase } from '../store/database';

/**
 * The server's full-text index of conversation messages (`message_texts`), kept equal to the
 * stored documents. An answer still streaming is indexed once it ends, so a long answer is not
 * re-indexed at every word it grows by. Its statements are prepared once.
 */
export class MessageIndex {
  private readonly upsert;
  private readonly prune;

  constructor(db: SqliteDatabase) {
    this.upsert = db.prepare(
      `INSERT INTO message_texts (conversation_id, message_id, content) VALUES (?, ?, ?)
       ON CONFLICT (conversation_id, message_id) DO UPDATE SET content = excluded.content WHERE content IS NOT excluded.content`,
    );
    this.prune = db.prepare('DELETE FROM message_texts WHERE conversation_id = ? AND message_id NOT IN (SELECT value FROM json_each(?))');
  }

  /** Indexes `changed`; `present` lists every message id still in the document when some were removed, so their text leaves with them. */
  update(conversationId: string, changed: readonly Message[], present: ReadonlySet<string> | undefined): void {
    for (const message of changed) {
      if (message.status !== 'streaming') this.upsert.run(conversationId, message.id, message.content);
    }
    if (present !== undefined) this.prune.run(conversationId, JSON.stringify([...present]));
  }
}
