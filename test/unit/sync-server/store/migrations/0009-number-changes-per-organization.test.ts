import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChangeLog } from '../../../../../sync-server/changes/change-log';
import { openDatabase } from '../../../../../sync-server/store/database';
import type { SqliteDatabase } from '../../../../../sync-server/store/database';
import { migrations } from '../../../../../sync-server/store/migrations';

const at = '2025-01-31T09:30:00.000Z';
let dir: string;
let db: SqliteDatabase;

/** A database just before migration 0009 with changes of two organizations interleaved. */
function openAtVersion8(): SqliteDatabase {
  const old = openDatabase(join(dir, 'quorum.sqlite'), migrations.filter((m) => m.version < 9));
  old.exec(`
    INSERT INTO organizations VALUES ('org_a', 'A', 'a', 'enterprise', '${at}');
    INSERT INTO organizations VALUES ('org_b', 'B', 'b', 'enterprise', '${at}');
    INSERT INTO organizations VALUES ('org_quiet', 'Quiet', 'quiet', 'enterprise', '${at}');
  `);
  const insert = old.prepare("INSERT INTO changes (org_id, kind, entity_id, user_id, at) VALUES (?, 'project', ?, NULL, ?)");
  for (const [org, entity] of [['org_a', 'prj_1'], ['org_b', 'prj_2'], ['org_a', 'prj_3'], ['org_b', 'prj_4'], ['org_b', 'prj_5']]) insert.run(org, entity, at);
  old.close();
  return openDatabase(join(dir, 'quorum.sqlite'), migrations.filter((m) => m.version <= 9));
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'quorum-0009-'));
  db = openAtVersion8();
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('migration 0009', () => {
  it('keeps the numbers of changes written before, so cursors replicas hold stay valid', () => {
    expect(db.prepare('SELECT org_id, org_seq FROM changes ORDER BY seq').all()).toEqual([
      { org_id: 'org_a', org_seq: 1 },
      { org_id: 'org_b', org_seq: 2 },
      { org_id: 'org_a', org_seq: 3 },
      { org_id: 'org_b', org_seq: 4 },
      { org_id: 'org_b', org_seq: 5 },
    ]);
  });

  it('goes on for each organization from the highest number given out, then counts each on its own', () => {
    const log = new ChangeLog(db, () => new Date(at), (fn) => fn());
    expect(['org_a', 'org_b', 'org_quiet'].map((org) => log.head(org))).toEqual([5, 5, 5]);
    log.touch('org_a', 'project', 'prj_1');
    log.touch('org_a', 'project', 'prj_3');
    log.touch('org_b', 'project', 'prj_2');
    log.touch('org_new', 'organization', 'org_new');
    expect(['org_a', 'org_b', 'org_quiet', 'org_new'].map((org) => log.head(org))).toEqual([7, 6, 5, 1]);
    expect(() => db.prepare("INSERT INTO changes (org_id, org_seq, kind, entity_id, at) VALUES ('org_a', 7, 'project', 'x', ?)").run(at)).toThrow(/UNIQUE/);
  });
});
