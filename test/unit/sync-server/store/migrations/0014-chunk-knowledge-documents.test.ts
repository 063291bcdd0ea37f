import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../../sync-server/store/database';
import type { SqliteDatabase } from '../../../../../sync-server/store/database';
import { migrations } from '../../../../../sync-server/store/migrations';

let dir: string;
let db: SqliteDatabase;
const at = '2026-01-01T00:00:00.000Z';

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'quorum-0014-'));
  const old = openDatabase(join(dir, 'quorum.sqlite'), migrations.filter((m) => m.version <= 13));
  old.prepare("INSERT INTO organizations (id, name, slug, plan, created_at) VALUES ('org_1', 'Acme', 'acme', 'free', ?)").run(at);
  old
    .prepare("INSERT INTO knowledge_bases (id, org_id, name, owner_kind, created_by, created_at, updated_at) VALUES ('kb_1', 'org_1', 'Handbook', 'organization', 'usr_1', ?, ?)")
    .run(at, at);
  const long = Array.from({ length: 40 }, (_, i) => `Paragraph ${i} is about ${i === 33 ? 'quokkas' : 'nothing much'} and goes on for a while to fill its share of the page.`).join('\n\n');
  const insert = old.prepare("INSERT INTO knowledge_documents (id, knowledge_base_id, path, path_key, content, created_at, updated_at) VALUES (?, 'kb_1', ?, ?, ?, ?, ?)");
  insert.run('kbd_1', 'guide.md', 'guide.md', long, at, at);
  insert.run('kbd_2', 'empty.md', 'empty.md', '', at, at);
  old.close();
  db = openDatabase(join(dir, 'quorum.sqlite'), migrations.filter((m) => m.version <= 14));
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;

describe('migration 0014', () => {
  it('chunks the documents there are, and finds a word in the chunk that holds it', () => {
    expect(db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get()).toEqual({ v: 14 });
    expect(count("SELECT COUNT(*) AS n FROM knowledge_chunks c JOIN knowledge_documents d ON d.seq = c.document_seq WHERE d.id = 'kbd_1'")).toBeGreaterThan(1);
    expect(count("SELECT COUNT(*) AS n FROM knowledge_chunks c JOIN knowledge_documents d ON d.seq = c.document_seq WHERE d.id = 'kbd_2'")).toBe(0);
    const hit = db.prepare("SELECT c.content FROM knowledge_chunk_fts JOIN knowledge_chunks c ON c.seq = knowledge_chunk_fts.rowid WHERE knowledge_chunk_fts MATCH 'quokkas'").all() as { content: string }[];
    expect(hit).toHaveLength(1);
    expect(hit[0]?.content).toContain('Paragraph 33 is about quokkas');
    expect(count("SELECT COUNT(*) AS n FROM knowledge_chunk_fts WHERE knowledge_chunk_fts MATCH 'guide'")).toBeGreaterThan(1);
  });

  it('drops the chunks and their index entries with their document', () => {
    db.prepare("DELETE FROM knowledge_documents WHERE id = 'kbd_1'").run();
    expect(count('SELECT COUNT(*) AS n FROM knowledge_chunks')).toBe(0);
    expect(count("SELECT COUNT(*) AS n FROM knowledge_chunk_fts WHERE knowledge_chunk_fts MATCH 'quokkas'")).toBe(0);
  });

  it('drops the document-wide index', () => {
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name LIKE 'knowledge_fts%' OR name LIKE 'knowledge_documents_a%'").all()).toEqual([]);
  });
});
