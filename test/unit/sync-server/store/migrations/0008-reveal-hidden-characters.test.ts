import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DisplayName } from '../../../../../shared/domain/text-fields';
import { openDatabase } from '../../../../../sync-server/store/database';
import type { SqliteDatabase } from '../../../../../sync-server/store/database';
import { createDirectory } from '../../../../../sync-server/store/migrations/0001-create-directory';
import { createDocuments } from '../../../../../sync-server/store/migrations/0006-create-documents';
import { createKnowledgeAndMessageSearch } from '../../../../../sync-server/store/migrations/0007-create-knowledge-and-message-search';
import { revealHiddenCharacters } from '../../../../../sync-server/store/migrations/0008-reveal-hidden-characters';

const at = '2025-01-31T09:30:00.000Z';
let dir: string;
let db: SqliteDatabase;

/** A database at version 7 holding names, a title and paths written before the rule. */
function openAtVersion7(): SqliteDatabase {
  const old = openDatabase(join(dir, 'quorum.sqlite'), [createDirectory, createDocuments, createKnowledgeAndMessageSearch]);
  const insert = (sql: string, ...values: unknown[]) => old.prepare(sql).run(...values);
  insert('INSERT INTO organizations VALUES (?, ?, ?, ?, ?)', 'org_1', 'Acme\u202Egnp.exe', 'acme', 'enterprise', at);
  insert('INSERT INTO users VALUES (?, ?, ?, ?, NULL, ?)', 'usr_1', 'a@example.test', 'ad\u200Bmin', 'person', at);
  insert('INSERT INTO users VALUES (?, ?, ?, ?, NULL, ?)', 'usr_2', 'b@example.test', 'می\u200Cخواهم 👩\u200D💻', 'person', at);
  insert("INSERT INTO projects (id, org_id, name, canonical_name, config, created_at, updated_at) VALUES ('prj_1', 'org_1', ?, 'alpha', '{}', ?, ?)", 'Cafe\u0301', at, at);
  insert("INSERT INTO conversations VALUES ('cnv_1', 'org_1', 'prj_1', ?, 'shared', 'usr_1', ?)", 'Plans\u2066', at);
  insert("INSERT INTO knowledge_bases (id, org_id, name, owner_kind, project_id, created_by, created_at, updated_at) VALUES ('kb_1', 'org_1', 'Docs', 'project', 'prj_1', 'usr_1', ?, ?)", at, at);
  const document = "INSERT INTO knowledge_documents (id, knowledge_base_id, path, path_key, content, created_at, updated_at) VALUES (?, 'kb_1', ?, ?, 'text', ?, ?)";
  // Two documents that only a hidden character told apart, and one that already has the shown spelling.
  insert(document, 'kdoc_1', 'guide\u200B.md', 'guide\u200B.md', at, at);
  insert(document, 'kdoc_2', 'guide\u200C.md', 'guide\u200C.md', at, at);
  insert(document, 'kdoc_3', 'guide\uFFFD.md', 'guide\uFFFD.md', at, at);
  old.close();
  return openDatabase(join(dir, 'quorum.sqlite'), [createDirectory, createDocuments, createKnowledgeAndMessageSearch, revealHiddenCharacters]);
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'quorum-0008-'));
  db = openAtVersion7();
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const one = (sql: string): unknown => Object.values(db.prepare(sql).get() as Record<string, unknown>)[0];

describe('migration 0008', () => {
  it('shows hidden characters of stored names and titles as U+FFFD and stores them in NFC', () => {
    expect(one("SELECT name FROM organizations WHERE id = 'org_1'")).toBe('Acme\uFFFDgnp.exe');
    expect(one("SELECT display_name FROM users WHERE id = 'usr_1'")).toBe('ad\uFFFDmin');
    expect(one("SELECT name FROM projects WHERE id = 'prj_1'")).toBe('Café');
    expect(one("SELECT title FROM conversations WHERE id = 'cnv_1'")).toBe('Plans\uFFFD');
  });

  it('leaves alone what a writing system needs, so every name now passes the rule', () => {
    expect(one("SELECT display_name FROM users WHERE id = 'usr_2'")).toBe('می\u200Cخواهم 👩\u200D💻');
    const names = db.prepare('SELECT display_name AS name FROM users UNION ALL SELECT name FROM organizations UNION ALL SELECT name FROM projects').all() as { name: string }[];
    expect(names.filter(({ name }) => !DisplayName.safeParse(name).success)).toEqual([]);
  });

  it('gives a document path that would equal another one a numbered suffix, and keeps every document', () => {
    const paths = db.prepare('SELECT id, path, path_key FROM knowledge_documents ORDER BY id').all();
    expect(paths).toEqual([
      { id: 'kdoc_1', path: 'guide\uFFFD~2.md', path_key: 'guide\uFFFD~2.md' },
      { id: 'kdoc_2', path: 'guide\uFFFD~3.md', path_key: 'guide\uFFFD~3.md' },
      { id: 'kdoc_3', path: 'guide\uFFFD.md', path_key: 'guide\uFFFD.md' },
    ]);
    expect(one("SELECT COUNT(*) FROM knowledge_fts WHERE knowledge_fts MATCH 'text'")).toBe(3);
  });
});
