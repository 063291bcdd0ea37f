import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runMigrations, SchemaTooNewError } from '../../../../shared/store/migration-runner';
import type { SchemaMigration } from '../../../../shared/store/migration-runner';

type Migration = SchemaMigration<Database.Database>;

const table = (version: number, name: string): Migration => ({
  version,
  name,
  up: (db) => db.exec(`CREATE TABLE ${name} (id INTEGER PRIMARY KEY)`),
});

const failing = (version: number): Migration => ({
  version,
  name: 'half-done',
  up: (db) => {
    db.exec('CREATE TABLE half_done (id INTEGER PRIMARY KEY)');
    throw new Error('disk said no');
  },
});

const options = { knownBy: 'this test', now: () => new Date('2026-01-02T03:04:05.000Z') };

// Real SQLite in memory (this is the unit project: no disk); the files themselves are tested with each opener.
describe('the migration runner on real SQLite', () => {
  let db: Database.Database;
  beforeEach(() => {
    db = new Database(':memory:');
  });
  afterEach(() => {
    db.close();
  });

  const tables = () => (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((row) => row.name);
  const recorded = () => db.prepare('SELECT version, name, applied_at FROM schema_migrations ORDER BY version').all();

  it('applies migrations in version order whatever the list order, records each, and runs none twice', () => {
    expect(runMigrations(db, [table(3, 'c'), table(1, 'a'), table(2, 'b')], options)).toEqual([1, 2, 3]);
    expect(recorded()).toEqual([
      { version: 1, name: 'a', applied_at: '2026-01-02T03:04:05.000Z' },
      { version: 2, name: 'b', applied_at: '2026-01-02T03:04:05.000Z' },
      { version: 3, name: 'c', applied_at: '2026-01-02T03:04:05.000Z' },
    ]);
    expect(runMigrations(db, [table(1, 'a'), table(2, 'b'), table(3, 'c'), table(4, 'd')], options)).toEqual([4]);
    expect(tables()).toEqual(['a', 'b', 'c', 'd', 'schema_migrations']);
  });

  it('rolls a failing migration back whole, keeps the ones before it, and continues from there once fixed', () => {
    expect(() => runMigrations(db, [table(1, 'a'), failing(2), table(3, 'c')], options)).toThrow(/disk said no/);
    expect(tables()).toEqual(['a', 'schema_migrations']);
    expect(runMigrations(db, [table(1, 'a'), table(2, 'b'), table(3, 'c')], options)).toEqual([2, 3]);
  });

  it('refuses a file newer than the list before changing anything', () => {
    runMigrations(db, [table(1, 'a'), table(2, 'b')], options);
    expect(() => runMigrations(db, [table(1, 'a')], options)).toThrow(SchemaTooNewError);
    expect(() => runMigrations(db, [table(1, 'a')], options)).toThrow('The database has schema version 2, newer than this test knows (1). Update Quorum to open it.');
    expect(() => runMigrations(db, [], options)).toThrow(/newer than this test knows \(0\)/);
    expect(tables()).toEqual(['a', 'b', 'schema_migrations']);
  });

  it('refuses a list in which two migrations share a version', () => {
    expect(() => runMigrations(db, [table(1, 'a'), table(1, 'b')], options)).toThrow('Two migrations have version 1.');
    expect(tables()).toEqual([]);
  });
});
