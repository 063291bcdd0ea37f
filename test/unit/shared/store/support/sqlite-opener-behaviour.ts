import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { SchemaTooNewError } from '../../../../../shared/store/migration-runner';
import type { SchemaMigration } from '../../../../../shared/store/migration-runner';

type Opener = (path: string, list?: readonly SchemaMigration<Database.Database>[]) => Database.Database;

function versions(db: Database.Database): number[] {
  return (db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[]).map((row) => row.version);
}

/**
 * What every SQLite file Quorum opens must do, on a real file: the durable settings, every
 * migration applied once, the rest of a partly migrated file brought up to date, and a file from a
 * newer version refused with a clear error and left as it was.
 */
export function describeSqliteOpener(open: Opener, all: readonly SchemaMigration<Database.Database>[], refusal: RegExp): void {
  let dir: string;
  let path: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'quorum-open-'));
    path = join(dir, 'quorum.sqlite');
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('opens a new file in WAL mode with full sync and foreign keys, every migration applied once', () => {
    const db = open(path);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(versions(db)).toEqual(all.map((migration) => migration.version).sort((a, b) => a - b));
    db.close();
    const again = open(path);
    expect(versions(again)).toEqual(all.map((migration) => migration.version).sort((a, b) => a - b));
    again.close();
  });

  it('brings a file written by an older version up to date', () => {
    const older = all.slice(0, Math.max(1, all.length - 1));
    open(path, older).close();
    const db = open(path);
    expect(versions(db)).toHaveLength(all.length);
    db.close();
  });

  it('refuses a file written by a newer version with a clear error, and leaves it as it was', () => {
    open(path).close();
    const newest = Math.max(...all.map((migration) => migration.version));
    const raw = new Database(path);
    raw.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, 'from-the-future', '2030-01-01T00:00:00.000Z')").run(newest + 1);
    raw.close();
    let thrown: unknown;
    try {
      open(path).close();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(SchemaTooNewError);
    expect(thrown).toMatchObject({ fileVersion: newest + 1, knownVersion: newest });
    expect((thrown as Error).message).toMatch(refusal);
    expect(existsSync(path)).toBe(true);
    const check = new Database(path, { readonly: true });
    expect(versions(check)).toContain(newest + 1);
    check.close();
  });
}
