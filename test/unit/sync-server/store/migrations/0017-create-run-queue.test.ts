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
  dir = mkdtempSync(join(tmpdir(), 'quorum-0017-'));
  // At version 16, then brought to 17.
  openDatabase(join(dir, 'quorum.sqlite'), migrations.filter((m) => m.version <= 16)).close();
  db = openDatabase(join(dir, 'quorum.sqlite'), migrations.filter((m) => m.version <= 17));
  db.prepare('INSERT INTO organizations VALUES (?, ?, ?, ?, ?)').run('org_1', 'Acme', 'acme', 'enterprise', at);
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const insert = (id: string, state: string) =>
  db
    .prepare(
      `INSERT INTO run_queue (id, org_id, project_id, conversation_id, message_id, agent_id, model_id, requested_by, state, enqueued_at)
       VALUES (?, 'org_1', 'prj_1', 'cnv_1', 'msg_1', 'agt_1', 'mdl_1', 'usr_1', ?, ?)`,
    )
    .run(id, state, at);

describe('migration 0017', () => {
  it('holds runs in one of the known states and drops them with their organization', () => {
    expect(db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get()).toEqual({ v: 17 });
    insert('run_1', 'waiting');
    expect(() => insert('run_2', 'streaming')).toThrow(/CHECK/);
    expect(db.prepare('SELECT cancel_requested, connection_id FROM run_queue').get()).toEqual({ cancel_requested: 0, connection_id: null });
    db.prepare("DELETE FROM organizations WHERE id = 'org_1'").run();
    expect(db.prepare('SELECT count(*) AS n FROM run_queue').get()).toEqual({ n: 0 });
  });
});
