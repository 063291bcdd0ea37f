import type { ProjectSearchHit } from '../../shared/rest/project-search';
import type { Conversation } from '../../shared/domain/conversation';
import type { SqliteDatabase } from '../store/database';
import { ftsQuery } from './fts-query';

interface MessageHitRow {
  conversation_id: string;
  message_id: string;
  snippet: string;
}

/** Tokens of a message shown around the match: a line of a search result. */
const snippetTokens = 16;

/**
 * Messages matching the query in exactly the conversations given (the ones the reader may read),
 * best first, from the server's full-text index of the stored conversation documents.
 */
export function searchMessages(db: SqliteDatabase, conversations: readonly Conversation[], text: string, limit: number): ProjectSearchHit[] {
  const query = ftsQuery(text);
  if (query === undefined || conversations.length === 0 || limit <= 0) return [];
  const titles = new Map(conversations.map((conversation) => [conversation.id, conversation.title]));
  const rows = db
    .prepare(
      `SELECT t.conversation_id, t.message_id, snippet(message_fts, 0, '', '', '…', ${snippetTokens}) AS snippet
       FROM message_fts JOIN message_texts t ON t.seq = message_fts.rowid
       WHERE message_fts MATCH ? AND t.conversation_id IN (SELECT value FROM json_each(?))
       ORDER BY message_fts.rank, t.seq
       LIMIT ?`,
    )
    .all(query, JSON.stringify([...titles.keys()]), limit) as MessageHitRow[];
  return rows.map((row) => ({
    kind: 'message' as const,
    id: row.message_id,
    field: 'content',
    title: titles.get(row.conversation_id) ?? '',
    conversationId: row.conversation_id,
    snippet: row.snippet.replace(/\s+/g, ' ').trim(),
  }));
}
