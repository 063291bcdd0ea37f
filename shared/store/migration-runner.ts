/*
 * The schema migration runner of every SQLite file Quorum keeps: the sync server's database and
 * the desktop's local one. It takes only the few calls it needs of a database, so it stays pure
 * TypeScript and each side passes its own better-sqlite3 handle.
 */

/** What the runner needs of a SQLite handle; a better-sqlite3 Database is one. */
export interface MigrationDatabase {
  exec(sql: string): unknown;
  prepare(sql: string): { all(...params: unknown[]): unknown[]; run(...params: unknown[]): unknown };
  transaction(fn: () => void): () => void;
  close(): unknown;
}

/** One versioned schema change. `up` runs inside a transaction and must not commit on its own. */
export interface SchemaMigration<Db> {
  readonly version: number;
  readonly name: string;
  up(db: Db): void;
}

/** The file was written by a newer Quorum: opening it with older code could corrupt it. */
export class SchemaTooNewError extends Error {
  constructor(
    readonly fileVersion: number,
    readonly knownVersion: number,
    knownBy: string,
  ) {
    super(`The database has schema version ${String(fileVersion)}, newer than ${knownBy} knows (${String(knownVersion)}). Update Quorum to open it.`);
    this.name = 'SchemaTooNewError';
  }
}

export interface MigrationOptions {
  /** Who refuses a newer file, in its message: "this server", "this version of the app". */
  readonly knownBy: string;
  readonly now?: () => Date;
}

/**
 * The settings every acknowledged write relies on: WAL so readers never wait for the writer,
 * `synchronous = FULL` so a commit survives a crash or a power cut, foreign keys enforced, and a
 * wait instead of an error when another connection holds the lock.
 */
function applyDurableSettings(db: MigrationDatabase): void {
  db.exec('PRAGMA journal_mode = WAL');
  db.exec('PRAGMA synchronous = FULL');
  db.exec('PRAGMA foreign_keys = ON');
  db.exec('PRAGMA busy_timeout = 5000');
}

function versionOf(row: unknown): number {
  const version = typeof row === 'object' && row !== null && 'version' in row ? row.version : undefined;
  if (typeof version !== 'number') throw new Error('schema_migrations holds a row without a numeric version.');
  return version;
}

/**
 * Applies the migrations not yet applied, each in its own transaction, in version order, and
 * answers the versions it ran. A file holding a version newer than any in `list` is refused before
 * anything is changed.
 */
export function runMigrations<Db extends MigrationDatabase>(db: Db, list: readonly SchemaMigration<Db>[], options: MigrationOptions): number[] {
  const sorted = [...list].sort((a, b) => a.version - b.version);
  const repeated = sorted.find((migration, index) => index > 0 && sorted[index - 1]?.version === migration.version);
  if (repeated !== undefined) throw new Error(`Two migrations have version ${String(repeated.version)}.`);
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  const applied = new Set(db.prepare('SELECT version FROM schema_migrations').all().map(versionOf));
  const newest = sorted.at(-1)?.version ?? 0;
  const newestApplied = Math.max(0, ...applied);
  if (newestApplied > newest) throw new SchemaTooNewError(newestApplied, newest, options.knownBy);
  const now = options.now ?? (() => new Date());
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const ran: number[] = [];
  for (const migration of sorted) {
    if (applied.has(migration.version)) continue;
    db.transaction(() => {
      migration.up(db);
      record.run(migration.version, migration.name, now().toISOString());
    })();
    ran.push(migration.version);
  }
  return ran;
}

/**
 * Readies a freshly opened file: the durable settings, then the migrations. A file that cannot be
 * readied (newer than the code, a failing migration) is closed again, untouched past the failing
 * transaction, and the error thrown.
 */
export function prepareDatabase<Db extends MigrationDatabase>(db: Db, list: readonly SchemaMigration<Db>[], options: MigrationOptions): Db {
  try {
    applyDurableSettings(db);
    runMigrations(db, list, options);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
