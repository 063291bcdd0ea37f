import type { LocalMigration } from './local-migration';
import { createReplica } from './migrations/0001-create-replica';
import { createDocuments } from './migrations/0002-create-documents';
import { createOutbox } from './migrations/0003-create-outbox';
import { createRunJournal } from './migrations/0004-create-run-journal';

/** Every local schema migration, in the order they were written. A new one is appended, never edited. */
export const localMigrations: readonly LocalMigration[] = [createReplica, createDocuments, createOutbox, createRunJournal];
