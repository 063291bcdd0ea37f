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
  dir = mkdtempSync(join(tmpdir(), 'quorum-0016-'));
  // At version 15, then brought to 16.
  openDatabase(join(dir, 'quorum.sqlite'), migrations.filter((m) => m.version <= 15)).close();
  db = openDatabase(join(dir, 'quorum.sqlite'), migrations.filter((m) => m.version <= 16));
  db.prepare('INSERT INTO organizations VALUES (?, ?, ?, ?, ?)').run('org_1', 'Acme', 'acme', 'enterprise', at);
  db.prepare('INSERT INTO workgroups (id, org_id, name, settings, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run('wg_1', 'org_1', 'Ops', '{}', at, at);
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const insert = (id: string, name: string, workgroupId: string | null) =>
  db
    .prepare(
      `INSERT INTO model_connections (id, org_id, workgroup_id, name, base_url, sealed_key, created_by, created_at, updated_by, updated_at)
       VALUES (?, 'org_1', ?, ?, 'https://llm.example.test/v1', NULL, 'usr_1', ?, 'usr_1', ?)`,
    )
    .run(id, workgroupId, name, at, at);

describe('migration 0016', () => {
  it('keeps one connection per name in an organization, and drops a workgroup’s with it', () => {
    expect(db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get()).toEqual({ v: 16 });
    insert('conn_1', 'Shared', null);
    insert('conn_2', 'Ops only', 'wg_1');
    expect(() => insert('conn_3', 'Shared', null)).toThrow(/UNIQUE/);
    expect(db.prepare("SELECT default_params FROM model_connections WHERE id = 'conn_1'").get()).toEqual({ default_params: '{}' });
    db.prepare("DELETE FROM workgroups WHERE id = 'wg_1'").run();
    expect(db.prepare('SELECT id FROM model_connections').all()).toEqual([{ id: 'conn_1' }]);
  });
});
