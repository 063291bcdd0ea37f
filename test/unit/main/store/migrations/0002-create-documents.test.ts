import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openLocalDatabase } from '../../../../../main/store/local-database';
import type { LocalDatabase } from '../../../../../main/store/local-database';
import { localMigrations } from '../../../../../main/store/local-migrations';
import { createLocalDocuments } from '../../../../../main/store/migrations/0002-create-documents';

let dir: string | undefined;
let db: LocalDatabase | undefined;

afterEach(() => {
  db?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  db = undefined;
  dir = undefined;
});

function open(list = localMigrations): LocalDatabase {
  dir ??= mkdtempSync(join(tmpdir(), 'quorum-migration-'));
  db = openLocalDatabase(join(dir, 'local.sqlite'), list);
  return db;
}

const at = '2025-01-31T09:30:00.000Z';

describe('0002-create-documents', () => {
  it('is in the list of local migrations', () => {
    expect(localMigrations).toContain(createLocalDocuments);
    expect(createLocalDocuments.version).toBe(2);
  });

  it('creates the document tables on its own, once', () => {
    open([createLocalDocuments]).close();
    const reopened = open([createLocalDocuments]);
    const tables = (reopened.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining(['documents', 'document_updates', 'document_dropped_changes']));
    expect((reopened.prepare('SELECT COUNT(*) AS n FROM schema_migrations WHERE version = 2').get() as { n: number }).n).toBe(1);
  });

  it('refuses a server update marked as not stored, and an update of no document', () => {
    const local = open();
    local.prepare('INSERT INTO documents (name, created_at) VALUES (?, ?)').run('project:prj_x', at);
    const insert = local.prepare('INSERT INTO document_updates (name, data, origin, stored, created_at) VALUES (?, ?, ?, ?, ?)');
    expect(() => insert.run('project:prj_x', Buffer.from([0, 0]), 'remote', 0, at)).toThrow(/CHECK/);
    expect(() => insert.run('project:prj_y', Buffer.from([0, 0]), 'local', 0, at)).toThrow(/FOREIGN KEY/);
    expect(() => insert.run('project:prj_x', Buffer.from([0, 0]), 'other', 1, at)).toThrow(/CHECK/);
    insert.run('project:prj_x', Buffer.from([0, 0]), 'local', 0, at);
  });

  it('removes updates and dropped changes with their document', () => {
    const local = open();
    local.prepare('INSERT INTO documents (name, created_at) VALUES (?, ?)').run('project:prj_x', at);
    local.prepare('INSERT INTO document_updates (name, data, origin, stored, created_at) VALUES (?, ?, ?, ?, ?)').run('project:prj_x', Buffer.from([0, 0]), 'local', 0, at);
    local.prepare('INSERT INTO document_dropped_changes (name, reason, data, paths, dropped_at) VALUES (?, ?, ?, ?, ?)').run('project:prj_x', 'no', Buffer.from([0, 0]), '[]', at);
    local.prepare('DELETE FROM documents WHERE name = ?').run('project:prj_x');
    expect((local.prepare('SELECT COUNT(*) AS n FROM document_updates').get() as { n: number }).n).toBe(0);
    expect((local.prepare('SELECT COUNT(*) AS n FROM document_dropped_changes').get() as { n: number }).n).toBe(0);
  });
});
