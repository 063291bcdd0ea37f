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
  dir = mkdtempSync(join(tmpdir(), 'quorum-0018-'));
  const old = openDatabase(join(dir, 'quorum.sqlite'), migrations.filter((m) => m.version < 18));
  old.exec(`
    INSERT INTO organizations VALUES ('org_1', 'Acme', 'acme', 'enterprise', '${at}');
    INSERT INTO users VALUES ('usr_1', 'a@example.test', 'A', 'person', NULL, '${at}');
    INSERT INTO api_keys (id, org_id, user_id, name, prefix, secret_hash, created_at) VALUES ('key_1', 'org_1', 'usr_1', 'CI', 'qk_1', 'h', '${at}');
    INSERT INTO sessions (token_hash, user_id, org_id, created_at, expires_at) VALUES ('t1', 'usr_1', 'org_1', '${at}', '2025-02-14T09:30:00.000Z');
  `);
  old.close();
  db = openDatabase(join(dir, 'quorum.sqlite'), migrations.filter((m) => m.version <= 18));
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('migration 0018', () => {
  it('keeps every scope on keys minted before scopes existed, and counts old sessions as signed in when opened', () => {
    expect(db.prepare('SELECT scopes FROM api_keys').get()).toEqual({ scopes: 'read write admin' });
    expect(db.prepare('SELECT signed_in_at FROM sessions').get()).toEqual({ signed_in_at: at });
  });
});
