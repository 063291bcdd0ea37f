import Database from 'better-sqlite3';
import { prepareDatabase } from '../../shared/store/migration-runner';
import type { Migration } from './migration';
import { migrations } from './migrations';

export type SqliteDatabase = Database.Database;

/**
 * Opens the server's SQLite file with the settings every acknowledged write relies on, then brings
 * the schema up to date; a file written by a newer server is refused untouched.
 */
export function openDatabase(path: string, list: readonly Migration[] = migrations): SqliteDatabase {
  return prepareDatabase(new Database(path), list, { knownBy: 'this server' });
}
