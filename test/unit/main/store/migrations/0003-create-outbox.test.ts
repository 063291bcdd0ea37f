import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLocalDatabase } from '../../../../../main/store/local-database';
import type { LocalDatabase } from '../../../../../main/store/local-database';
import { createOutboxTable } from '../../../../../main/store/migrations/0003-create-outbox';

describe('migration 0003: outbox, session and app state', () => {
  let dir: string;
  let db: LocalDatabase;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'quorum-migration-'));
    db = openLocalDatabase(join(dir, 'local.sqlite'), [createOutboxTable]);
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const insert = (id: string, status: string, errorCode: string | null = null) =>
    db
      .prepare(
        `INSERT INTO outbox (id, account, endpoint, params, query, body, summary, status, error_code, created_at)
         VALUES (?, 'a', 'project.create', '{}', '{}', '{}', 's', ?, ?, '2025-01-01T00:00:00.000Z')`,
      )
      .run(id, status, errorCode);

  it('creates the tables and records itself', () => {
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining(['outbox', 'app_session', 'app_state']));
    expect(db.prepare('SELECT version, name FROM schema_migrations').all()).toEqual([{ version: 3, name: 'create-outbox' }]);
  });

  it('orders the outbox by insertion and keeps a rejection and its error together', () => {
    insert('b', 'pending');
    insert('a', 'pending');
    expect((db.prepare('SELECT id FROM outbox ORDER BY seq').all() as { id: string }[]).map((r) => r.id)).toEqual(['b', 'a']);
    expect(() => insert('c', 'rejected')).toThrow(/CHECK/);
    expect(() => insert('d', 'applied', 'forbidden')).toThrow(/CHECK/);
    expect(() => insert('e', 'lost')).toThrow(/CHECK/);
    expect(() => insert('a', 'pending')).toThrow(/UNIQUE/);
    insert('f', 'rejected', 'forbidden');
  });

  it('holds one session row at most', () => {
    const row = "(1, 'team', 'https://s', 'acct', '{}', '{}', 'member', 'now')";
    db.exec(`INSERT INTO app_session (id, mode, server_url, account, user, organization, org_role, updated_at) VALUES ${row}`);
    expect(() => db.exec("INSERT INTO app_session (id, mode, server_url, account, user, organization, org_role, updated_at) VALUES (2, 'team', 'x', 'a', '{}', '{}', 'member', 'now')")).toThrow(/CHECK/);
  });

  it('runs once: opening again changes nothing', () => {
    insert('kept', 'pending');
    db.close();
    db = openLocalDatabase(join(dir, 'local.sqlite'), [createOutboxTable]);
    expect(db.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 1 });
  });
});
