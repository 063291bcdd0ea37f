import type { LocalMigration } from './local-migration';
import { createReplica } from './migrations/0001-create-replica';
import { createLocalDocuments } from './migrations/0002-create-documents';
import { createOutboxTable } from './migrations/0003-create-outbox';
import { createRunJournalTable } from './migrations/0004-create-run-journal';

/** Every local schema migration, in the order they were written. A new one is appended, never edited. */
export const localMigrations: readonly LocalMigration[] = [createReplica, createLocalDocuments, createOutboxTable, createRunJournalTable];
