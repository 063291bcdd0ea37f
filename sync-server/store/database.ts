import Database from 'better-sqlite3';
import type { Migration } from './migration';
import { migrations } from './migrations';

export type SqliteDatabase = Database.Database;

/**
 * Opens the server's SQLite file with the settings every acknowledged write relies on: WAL for
 * concurrent readers, `synchronous = FULL` so a commit survives power loss, foreign keys enforced,
 * then brings the schema up to date.
 */
export function openDatabase(path: string, list: readonly Migration[] = migrations): SqliteDatabase {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  runMigrations(db, list);
  return db;
}

/** Applies the migrations not yet applied, each in its own transaction, in version order. */
export function runMigrations(db: SqliteDatabase, list: readonly Migration[]): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  const applied = new Set(
    db.prepare('SELECT version FROM schema_migrations').all().map((row) => (row as { version: number }).version),
  );
  const sorted = [...list].sort((a, b) => a.version - b.version);
  const newest = sorted.at(-1)?.version ?? 0;
  const unknown = [...applied].filter((v) => v > newest);
  if (unknown.length > 0) {
    throw new Error(`The database has schema version ${Math.max(...unknown)}, newer than this server knows (${newest}).`);
  }
  const ran: number[] = [];
  for (const migration of sorted) {
    if (applied.has(migration.version)) continue;
    db.transaction(() => {
      migration.up(db);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        migration.version,
        migration.name,
        new Date().toISOString(),
      );
    })();
    ran.push(migration.version);
  }
  return ran;
}
