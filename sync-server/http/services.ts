import type { FastifyBaseLogger } from 'fastify';
import type { AuditLog } from '../audit/audit-log';
import type { AttemptThrottle } from '../auth/attempt-throttle';
import type { ChangeLog } from '../changes/change-log';
import type { ServerConfig } from '../config';
import type { ConnectionRepository } from '../connections/connection-repository';
import type { ApiKeyRepository } from '../directory/api-key-repository';
import type { RunQueue } from '../runs/run-queue';
import type { SqliteDatabase } from '../store/database';
import type { DocumentEditor } from '../sync/document-editor';

/** What every handler may use. I/O lives here; decisions come from shared/policy. */
export interface Services {
  readonly db: SqliteDatabase;
  readonly audit: AuditLog;
  readonly changes: ChangeLog;
  readonly config: ServerConfig;
  /** Failed sign-ins and made-up tokens, per account and per address (`credential-gate.ts`). */
  readonly attempts: AttemptThrottle;
  readonly log: FastifyBaseLogger;
  /** Shared documents, changed through the sync server's live copies. */
  readonly documents: DocumentEditor;
  /** API keys; only the hash of a key's secret is stored. */
  readonly apiKeys: ApiKeyRepository;
  /** Model connections; their keys reach only the server's own run worker. */
  readonly connections: ConnectionRepository;
  /** Agent runs the server answers, waiting or running. */
  readonly runs: RunQueue;
  /** Stops a run this process's worker is answering; false when it answers none by that id. */
  readonly stopRun: (runId: string) => boolean;
  now(): Date;
  /** Runs `fn` in one SQLite transaction: all of its writes, audit and change rows, or none. */
  write<T>(fn: () => T): T;
  /** Runs `fn` once the transaction in progress has committed (at once outside any); dropped if it rolls back. */
  afterCommit(fn: () => void): void;
}
