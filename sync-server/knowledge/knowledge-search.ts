import type { KnowledgePassage } from '../../shared/rest/knowledge-endpoints';
import type { EffectiveItem } from '../../shared/policy/settings-inheritance';
import { ftsQuery } from '../directory/fts-query';
import { sourceView } from '../directory/effective-project-config';
import type { SqliteDatabase } from '../store/database';

interface PassageRow {
  knowledge_base_id: string;
  knowledge_base_name: string;
  document_id: string;
  path: string;
  passage: string;
}

/** Tokens in a passage: about a paragraph, the most FTS5 cuts around a match in a chunk. */
const passageTokens = 64;

/**
 * The best-matching passages in exactly the knowledge bases given (a project's effective bindings),
 * best first, each with its document's path and the bindings that reach it. A bound id that names
 * nothing in the organization, or another organization's base, matches nothing.
 */
export function searchKnowledge(db: SqliteDatabase, orgId: string, bases: readonly EffectiveItem[], text: string, limit: number): KnowledgePassage[] {
  const query = ftsQuery(text);
  if (query === undefined || bases.length === 0) return [];
  // The best chunk of each document, so one long document cannot fill every place.
  const rows = db
    .prepare(
      `WITH hits AS MATERIALIZED (
         SELECT b.id AS knowledge_base_id, b.name AS knowledge_base_name, d.id AS document_id, d.path, c.ordinal,
           snippet(knowledge_chunk_fts, 1, '', '', '…', ${passageTokens}) AS passage,
           bm25(knowledge_chunk_fts, 2.0, 1.0) AS rank
         FROM knowledge_chunk_fts
         JOIN knowledge_chunks c ON c.seq = knowledge_chunk_fts.rowid
         JOIN knowledge_documents d ON d.seq = c.document_seq
         JOIN knowledge_bases b ON b.id = d.knowledge_base_id
         WHERE knowledge_chunk_fts MATCH ? AND b.org_id = ? AND b.id IN (SELECT value FROM json_each(?))
       )
       SELECT knowledge_base_id, knowledge_base_name, document_id, path, passage
       FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY document_id ORDER BY rank, ordinal) AS place FROM hits)
       WHERE place = 1
       ORDER BY rank, document_id
       LIMIT ?`,
    )
    .all(query, orgId, JSON.stringify(bases.map((base) => base.value)), limit) as PassageRow[];
  const sourcesOf = new Map(bases.map((base) => [base.value, base.sources.map(sourceView)]));
  return rows.map((row) => ({
    knowledgeBaseId: row.knowledge_base_id,
    knowledgeBaseName: row.knowledge_base_name,
    documentId: row.document_id,
    path: row.path,
    passage: row.passage,
    boundBy: sourcesOf.get(row.knowledge_base_id) ?? [],
  }));
}
