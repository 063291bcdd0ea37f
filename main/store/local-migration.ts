import type Database from 'better-sqlite3';
import type { SchemaMigration } from '../../shared/store/migration-runner';

/** One versioned change of the local schema, run by the shared migration runner. */
export type LocalMigration = SchemaMigration<Database.Database>;
