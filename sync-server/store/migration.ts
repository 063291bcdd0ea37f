import type Database from 'better-sqlite3';
import type { SchemaMigration } from '../../shared/store/migration-runner';

/** One versioned change of the server's schema, run by the shared migration runner. */
export type Migration = SchemaMigration<Database.Database>;
