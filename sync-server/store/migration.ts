import type Database from 'better-sqlite3';

/** One versioned schema change. `up` runs inside a transaction and must not commit on its own. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Database.Database): void;
}
