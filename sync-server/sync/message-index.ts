import type { Message } from '../../shared/domain/message';
import type { SqliteDatabase } from '../store/database';

/**
 * Keeps the server's full-text index of a conversation's messages (`message_texts`) equal to the
 * stored document. An answer still streaming is indexed once it ends, so a long answer is not
 * re-indexed at every word it grows by. `present` lists every message id still in the document
 * when some were removed, so their text leaves the index with them.
 */
export function indexMessages(db: SqliteDatabase, conversationId: string, changed: readonly Message[], present: ReadonlySet<string> | undefined): void {
  const upsert = db.prepare(
    `INSERT INTO message_texts (conversation_id, message_id, content) VALUES (?, ?, ?)
     ON CONFLICT (conversation_id, message_id) DO UPDATE SET content = excluded.content WHERE content IS NOT excluded.content`,
  );
  for (const message of changed) {
    if (message.status !== 'streaming') upsert.run(conversationId, message.id, message.content);
  }
  if (present === undefined) return;
  db.prepare('DELETE FROM message_texts WHERE conversation_id = ? AND message_id NOT IN (SELECT value FROM json_each(?))').run(
    conversationId,
    JSON.stringify([...present]),
  );
}
