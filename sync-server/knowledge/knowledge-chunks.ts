import { chunkKnowledgeText } from '../../shared/domain/knowledge-chunks';
import type { SqliteDatabase } from '../store/database';

/**
 * Writes a document's chunks for the search index in place of the ones it had, inside the
 * caller's transaction, so a document is never stored without its index nor indexed half.
 */
export function replaceKnowledgeChunks(db: SqliteDatabase, documentId: string): void {
  const document = db.prepare('SELECT seq, path, content FROM knowledge_documents WHERE id = ?').get(documentId) as
    | { seq: number; path: string; content: string }
    | undefined;
  if (document === undefined) return;
  db.prepare('DELETE FROM knowledge_chunks WHERE document_seq = ?').run(document.seq);
  const insert = db.prepare('INSERT INTO knowledge_chunks (document_seq, ordinal, path, content) VALUES (?, ?, ?, ?)');
  chunkKnowledgeText(document.content).forEach((chunk, ordinal) => insert.run(document.seq, ordinal, document.path, chunk));
}
