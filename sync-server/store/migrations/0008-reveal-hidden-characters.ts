import { knowledgePathKey } from '../../../shared/policy/knowledge-paths';
import { showHiddenCharacters } from '../../../shared/domain/visible-text';
import type { Migration } from '../migration';

/** Every stored name and title: what the API now refuses in them, it also must not answer with. */
const textColumns: readonly (readonly [table: string, column: string])[] = [
  ['users', 'display_name'],
  ['organizations', 'name'],
  ['workgroups', 'name'],
  ['projects', 'name'],
  ['models', 'name'],
  ['agents', 'name'],
  ['knowledge_bases', 'name'],
  ['api_keys', 'name'],
  ['conversations', 'title'],
];

/** `guide.md` → `guide~2.md`: a free path for a document whose cleaned path another one holds. */
function withSuffix(path: string, n: number): string {
  const dot = path.lastIndexOf('.');
  const slash = path.lastIndexOf('/');
  return dot > slash + 1 ? `${path.slice(0, dot)}~${n}${path.slice(dot)}` : `${path}~${n}`;
}

/**
 * Names, titles and knowledge document paths written before bidi controls and invisible
 * characters were refused: each such character becomes U+FFFD, which shows, so what was hidden
 * can be seen and renamed. A document path that would then equal another document's takes a
 * numbered suffix rather than replacing it.
 */
export const revealHiddenCharacters: Migration = {
  version: 8,
  name: 'reveal-hidden-characters',
  up(db) {
    for (const [table, column] of textColumns) {
      const rows = db.prepare(`SELECT rowid AS key, ${column} AS text FROM ${table}`).all() as { key: number; text: string }[];
      const update = db.prepare(`UPDATE ${table} SET ${column} = ? WHERE rowid = ?`);
      for (const row of rows) {
        const shown = showHiddenCharacters(row.text);
        if (shown !== row.text) update.run(shown, row.key);
      }
    }
    const documents = db.prepare('SELECT seq, knowledge_base_id AS base, path FROM knowledge_documents ORDER BY seq').all() as {
      seq: number;
      base: string;
      path: string;
    }[];
    const taken = db.prepare('SELECT 1 FROM knowledge_documents WHERE knowledge_base_id = ? AND path_key = ? AND seq <> ?');
    const update = db.prepare('UPDATE knowledge_documents SET path = ?, path_key = ? WHERE seq = ?');
    for (const document of documents) {
      const shown = showHiddenCharacters(document.path);
      if (shown === document.path) continue;
      let path = shown;
      for (let n = 2; taken.get(document.base, knowledgePathKey(path), document.seq) !== undefined; n += 1) path = withSuffix(shown, n);
      update.run(path, knowledgePathKey(path), document.seq);
    }
  },
};
