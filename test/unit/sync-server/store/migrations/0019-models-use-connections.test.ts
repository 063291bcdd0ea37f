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

function insertModel(target: SqliteDatabase, id: string, provider: string): void {
  target
    .prepare(
      `INSERT INTO models (id, org_id, owner_id, name, provider, badges, visibility_level, created_at, updated_at)
       VALUES (?, 'org_1', 'usr_1', ?, ?, '[]', 'private', ?, ?)`,
    )
    .run(id, id, provider, at, at);
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'quorum-0019-'));
  const old = openDatabase(join(dir, 'quorum.sqlite'), migrations.filter((m) => m.version <= 18));
  old.prepare("INSERT INTO organizations (id, name, slug, plan, created_at) VALUES ('org_1', 'Acme', 'acme', 'free', ?)").run(at);
  old.prepare("INSERT INTO users (id, email, display_name, kind, created_at) VALUES ('usr_1', 'a@example.test', 'A', 'person', ?)").run(at);
  insertModel(old, 'mdl_endpoint', '{"baseUrl":"http://127.0.0.1:1/v1","model":"m"}');
  insertModel(old, 'mdl_connection', '{"connectionId":"conn_aaaaaaaaaaaaaaaa","model":"m"}');
  old.close();
  db = openDatabase(join(dir, 'quorum.sqlite'), migrations.filter((m) => m.version <= 19));
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('migration 0019', () => {
  it('mirrors the connection an entry uses into an indexed column, and none for an endpoint of its own', () => {
    expect(db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get()).toEqual({ v: 19 });
    expect(db.prepare('SELECT id, connection_id FROM models ORDER BY id').all()).toEqual([
      { id: 'mdl_connection', connection_id: 'conn_aaaaaaaaaaaaaaaa' },
      { id: 'mdl_endpoint', connection_id: null },
    ]);
    const plan = db.prepare("EXPLAIN QUERY PLAN SELECT id FROM models WHERE connection_id = 'conn_aaaaaaaaaaaaaaaa'").all() as { detail: string }[];
    expect(plan.map((step) => step.detail).join(' ')).toContain('models_by_connection');
  });
});
