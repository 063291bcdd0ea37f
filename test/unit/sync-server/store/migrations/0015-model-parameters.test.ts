import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../../sync-server/store/database';
import type { SqliteDatabase } from '../../../../../sync-server/store/database';
import { migrations } from '../../../../../sync-server/store/migrations';
import { toModelEntry } from '../../../../../sync-server/registry/model-rows';
import type { ModelRow } from '../../../../../sync-server/registry/model-rows';

let dir: string;
let db: SqliteDatabase;
const at = '2026-01-01T00:00:00.000Z';

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'quorum-0015-'));
  const old = openDatabase(join(dir, 'quorum.sqlite'), migrations.filter((m) => m.version <= 14));
  old.prepare("INSERT INTO organizations (id, name, slug, plan, created_at) VALUES ('org_1', 'Acme', 'acme', 'free', ?)").run(at);
  old.prepare("INSERT INTO users (id, email, display_name, kind, password_hash, created_at) VALUES ('usr_1', 'a@example.test', 'A', 'person', 'x', ?)").run(at);
  old
    .prepare(
      `INSERT INTO models (id, org_id, owner_id, name, provider, badges, visibility_level, created_at, updated_at)
       VALUES ('mdl_aaaaaaaaaaaaaaaa', 'org_1', 'usr_1', 'Old', '{"baseUrl":"http://127.0.0.1:1/v1","model":"m"}', '[]', 'private', ?, ?)`,
    )
    .run(at, at);
  old.close();
  db = openDatabase(join(dir, 'quorum.sqlite'), migrations.filter((m) => m.version <= 15));
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('migration 0015', () => {
  it('gives existing models and agents no parameters set, and keeps the ones written', () => {
    expect(db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get()).toEqual({ v: 15 });
    const row = db.prepare("SELECT * FROM models WHERE id = 'mdl_aaaaaaaaaaaaaaaa'").get() as ModelRow;
    expect(toModelEntry(row).parameters).toEqual({ temperature: null, maxTokens: null, contextLength: null });
    db.prepare(`UPDATE models SET parameters = '{"temperature":0.3,"maxTokens":100,"contextLength":null}'`).run();
    expect(toModelEntry(db.prepare('SELECT * FROM models').get() as ModelRow).parameters).toEqual({ temperature: 0.3, maxTokens: 100, contextLength: null });
    expect(db.prepare("SELECT COUNT(*) AS n FROM pragma_table_info('agents') WHERE name = 'parameters'").get()).toEqual({ n: 1 });
  });
});
