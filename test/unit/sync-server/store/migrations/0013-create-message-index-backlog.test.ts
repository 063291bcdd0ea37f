import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../../sync-server/store/database';
import type { SqliteDatabase } from '../../../../../sync-server/store/database';
import { migrations } from '../../../../../sync-server/store/migrations';

let dir: string;
let db: SqliteDatabase;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'quorum-0013-'));
  // At version 12, then brought to 13.
  openDatabase(join(dir, 'quorum.sqlite'), migrations.filter((m) => m.version <= 12)).close();
  db = openDatabase(join(dir, 'quorum.sqlite'), migrations.filter((m) => m.version <= 13));
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('migration 0013', () => {
  it('keeps one mark per conversation, for any conversation id, deleted or not', () => {
    expect(db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get()).toEqual({ v: 13 });
    const mark = db.prepare('INSERT OR IGNORE INTO message_index_backlog (conversation_id) VALUES (?)');
    mark.run('cnv_neverexistedneverexi');
    mark.run('cnv_neverexistedneverexi');
    expect(db.prepare('SELECT conversation_id FROM message_index_backlog').all()).toEqual([{ conversation_id: 'cnv_neverexistedneverexi' }]);
  });
});
