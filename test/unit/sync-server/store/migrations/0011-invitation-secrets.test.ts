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
  dir = mkdtempSync(join(tmpdir(), 'quorum-0011-'));
  const old = openDatabase(join(dir, 'quorum.sqlite'), migrations.filter((m) => m.version < 11));
  old.exec(`
    INSERT INTO organizations VALUES ('org_1', 'Acme', 'acme', 'enterprise', '${at}');
    INSERT INTO users VALUES ('usr_1', 'a@example.test', 'A', 'person', NULL, '${at}');
    INSERT INTO invitations (id, org_id, email, target_kind, target_id, role, status, invited_by, created_at, resolved_at)
      VALUES ('inv_pending', 'org_1', 'b@example.test', 'organization', 'org_1', 'member', 'pending', 'usr_1', '${at}', NULL),
             ('inv_accepted', 'org_1', 'c@example.test', 'organization', 'org_1', 'member', 'accepted', 'usr_1', '${at}', '${at}');
  `);
  old.close();
  db = openDatabase(join(dir, 'quorum.sqlite'), migrations.filter((m) => m.version <= 11));
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('migration 0011', () => {
  it('revokes invitations pending without a secret, which nobody could ever accept, and keeps the rest as they were', () => {
    const rows = db.prepare('SELECT id, status, resolved_at IS NOT NULL AS resolved, secret_hash, claimed_by FROM invitations ORDER BY id').all();
    expect(rows).toEqual([
      { id: 'inv_accepted', status: 'accepted', resolved: 1, secret_hash: null, claimed_by: null },
      { id: 'inv_pending', status: 'revoked', resolved: 1, secret_hash: null, claimed_by: null },
    ]);
  });

  it('keeps each secret hash unique', () => {
    const insert = db.prepare(
      `INSERT INTO invitations (id, org_id, email, target_kind, target_id, role, status, invited_by, created_at, secret_hash)
       VALUES (?, 'org_1', 'd@example.test', 'organization', 'org_1', 'member', 'pending', 'usr_1', '${at}', ?)`,
    );
    insert.run('inv_a', 'f'.repeat(64));
    expect(() => insert.run('inv_b', 'f'.repeat(64))).toThrow(/UNIQUE/);
  });
});
