import Database from 'better-sqlite3';
import { prepareDatabase } from '../../shared/store/migration-runner';
import type { LocalMigration } from './local-migration';
import { localMigrations } from './local-migrations';

export type LocalDatabase = Database.Database;

/**
 * The desktop app's own SQLite file: the replica of the directory, the shared documents, the
 * outbox, with the same durable settings and the same migration runner as the server's. A file
 * written by a newer version of the app is refused untouched rather than read with the wrong schema.
 */
export function openLocalDatabase(path: string, list: readonly LocalMigration[] = localMigrations): LocalDatabase {
  return prepareDatabase(new Database(path), list, { knownBy: 'this version of the app' });
}
