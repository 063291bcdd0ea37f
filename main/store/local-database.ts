import Database from 'better-sqlite3';
import type { LocalMigration } from './local-migration';
import { localMigrations } from './local-migrations';

export type LocalDatabase = Database.Database;

/**
 * The desktop app's own SQLite file: the replica of the directory, the shared documents, the
 * outbox. WAL so reads never wait for the sync writer, `synchronous = FULL` so a local edit that
 * was stored survives a crash or a power cut, foreign keys on.
 */
export function openLocalDatabase(path: string, list: readonly LocalMigration[] = localMigrations): LocalDatabase {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  const applied = new Set((db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version));
  for (const migration of [...list].sort((a, b) => a.version - b.version)) {
    if (applied.has(migration.version)) continue;
    db.transaction(() => {
      migration.up(db);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(migration.version, migration.name, new Date().toISOString());
    })();
  }
  return db;
}
