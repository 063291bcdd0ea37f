import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../../sync-server/store/database';
import type { SqliteDatabase } from '../../../../../sync-server/store/database';
import { migrations } from '../../../../../sync-server/store/migrations';

const at = '2025-01-31T09:30:00.000Z';
let dir: string;
let db: SqliteDatabase;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'quorum-0010-'));
  const old = openDatabase(join(dir, 'quorum.sqlite'), migrations.filter((m) => m.version < 10));
  old.exec(`
    INSERT INTO organizations VALUES ('org_1', 'Acme', 'acme', 'enterprise', '${at}');
    INSERT INTO users VALUES ('usr_admin', 'a@example.test', 'Admin', 'person', NULL, '${at}');
    INSERT INTO users VALUES ('usr_member', 'm@example.test', 'Member', 'person', NULL, '${at}');
    INSERT INTO org_members VALUES ('org_1', 'usr_admin', 'admin', '${at}');
    INSERT INTO org_members VALUES ('org_1', 'usr_member', 'member', '${at}');
  `);
  const model = old.prepare(
    `INSERT INTO models (id, org_id, owner_id, name, provider, badges, visibility_level, created_at, updated_at)
     VALUES (?, 'org_1', ?, ?, '{}', ?, 'public', '${at}', '${at}')`,
  );
  model.run('mdl_admin', 'usr_admin', 'Admin model', '["verified","quantized"]');
  model.run('mdl_member', 'usr_member', 'Member model', '["quantized","verified","experimental"]');
  model.run('mdl_plain', 'usr_member', 'Plain', '["fine-tuned"]');
  old.close();
  db = openDatabase(join(dir, 'quorum.sqlite'), migrations.filter((m) => m.version <= 10));
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('migration 0010', () => {
  it("keeps verified on entries of org owners and admins and drops it from the others, keeping their other badges in order", () => {
    const badges = db.prepare('SELECT id, badges FROM models ORDER BY id').all() as { id: string; badges: string }[];
    expect(badges.map((row) => [row.id, JSON.parse(row.badges) as string[]])).toEqual([
      ['mdl_admin', ['verified', 'quantized']],
      ['mdl_member', ['quantized', 'experimental']],
      ['mdl_plain', ['fine-tuned']],
    ]);
  });
});
