import { chunkKnowledgeText } from '../../../shared/domain/knowledge-chunks';
import type { Migration } from '../migration';

/**
 * Knowledge is searched by chunks (a paragraph or two) instead of whole documents: a hit in a
 * 100-page PDF then returns the passage that matched and ranks it by that passage alone, and an
 * answer cites that passage. Each chunk keeps its document's path, so a path word still finds it.
 * The chunks of a document are written with it, in its transaction; they go with it (ON DELETE
 * CASCADE, and the index trigger). The document-wide index is dropped; existing documents are
 * chunked here.
 */
export const chunkKnowledgeDocuments: Migration = {
  version: 14,
  name: 'chunk-knowledge-documents',
  up(db) {
    db.exec(`
      DROP TRIGGER knowledge_documents_ai;
      DROP TRIGGER knowledge_documents_ad;
      DROP TRIGGER knowledge_documents_au;
      DROP TABLE knowledge_fts;

      CREATE TABLE knowledge_chunks (
        seq INTEGER PRIMARY KEY,
        document_seq INTEGER NOT NULL REFERENCES knowledge_documents(seq) ON DELETE CASCADE,
        ordinal INTEGER NOT NULL,
        path TEXT NOT NULL,
        content TEXT NOT NULL,
        UNIQUE (document_seq, ordinal)
      );

      CREATE VIRTUAL TABLE knowledge_chunk_fts USING fts5(
        path, content,
        content = 'knowledge_chunks', content_rowid = 'seq',
        tokenize = 'unicode61 remove_diacritics 2'
      );
      CREATE TRIGGER knowledge_chunks_ai AFTER INSERT ON knowledge_chunks BEGIN
        INSERT INTO knowledge_chunk_fts (rowid, path, content) VALUES (new.seq, new.path, new.content);
      END;
      CREATE TRIGGER knowledge_chunks_ad AFTER DELETE ON knowledge_chunks BEGIN
        INSERT INTO knowledge_chunk_fts (knowledge_chunk_fts, rowid, path, content) VALUES ('delete', old.seq, old.path, old.content);
      END;
    `);
    const insert = db.prepare('INSERT INTO knowledge_chunks (document_seq, ordinal, path, content) VALUES (?, ?, ?, ?)');
    for (const row of db.prepare('SELECT seq, path, content FROM knowledge_documents ORDER BY seq').all() as { seq: number; path: string; content: string }[]) {
      chunkKnowledgeText(row.content).forEach((chunk, ordinal) => insert.run(row.seq, ordinal, row.path, chunk));
    }
  },
};
