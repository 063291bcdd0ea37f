import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createReplica } from '../../../../../main/store/migrations/0001-create-replica';
import { openLocalDatabase } from '../../../../../main/store/local-database';
import { localMigrations } from '../../../../../main/store/local-migrations';
import { tempLocalDatabase } from '../../replica/support/replica-entities';

let disposers: (() => void)[] = [];
afterEach(() => {
  for (const dispose of disposers) dispose();
  disposers = [];
});

describe('0001-create-replica', () => {
  it('is in the list of local migrations', () => {
    expect(localMigrations).toContain(createReplica);
    expect(createReplica.version).toBe(1);
  });

  it('creates the replica tables and the message index tables, once', () => {
    const local = tempLocalDatabase();
    disposers.push(() => local.dispose());
    const names = (local.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining(['replica_state', 'replica_entities', 'replica_roles', 'search_projects', 'search_messages']));
    const reopened = local.reopen();
    const applied = reopened.prepare('SELECT COUNT(*) AS n FROM schema_migrations WHERE version = 1').get() as { n: number };
    expect(applied.n).toBe(1);
  });

  it('runs on a bare database and leaves FTS5 usable with the tokenizer the index uses', () => {
    const db = new Database(':memory:');
    disposers.push(() => db.close());
    db.transaction(() => createReplica.up(db))();
    db.exec("CREATE VIRTUAL TABLE probe USING fts5(text, tokenize = 'porter unicode61 remove_diacritics 2')");
    db.prepare('INSERT INTO probe (text) VALUES (?)').run('Running to the Café');
    expect(db.prepare("SELECT COUNT(*) AS n FROM probe WHERE probe MATCH 'run cafe'").get()).toEqual({ n: 1 });
  });

  it('refuses rows that break its rules', () => {
    const local = tempLocalDatabase();
    disposers.push(() => local.dispose());
    const db = openLocalDatabase(local.path);
    disposers.push(() => db.close());
    expect(() => db.prepare("INSERT INTO replica_entities (org_id, kind, id, project_id, data) VALUES ('o', 'project', 'p', NULL, 'not json')").run()).toThrow();
    expect(() => db.prepare("INSERT INTO replica_roles (org_id, scope, scope_id, role) VALUES ('o', 'team', 'x', 'owner')").run()).toThrow();
    expect(() => db.prepare("INSERT INTO replica_state (org_id, user_id, replica_id, cursor) VALUES ('o', 'u', 'r', -1)").run()).toThrow();
  });
});
