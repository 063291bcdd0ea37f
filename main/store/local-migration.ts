import type Database from 'better-sqlite3';

/** One versioned change of the local schema; `up` runs inside a transaction. */
export interface LocalMigration {
  readonly version: number;
  readonly name: string;
  up(db: Database.Database): void;
}
