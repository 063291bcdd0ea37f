import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { AuditLog } from './audit/audit-log';
import { AttemptThrottle } from './auth/attempt-throttle';
import { ChangeLog } from './changes/change-log';
import { ServerConfig } from './config';
import { loadServerKeys } from './connections/server-key';
import { createSqliteConnectionRepository } from './connections/sqlite-connection-repository';
import { createSqliteApiKeyRepository } from './directory/sqlite-api-key-repository';
import { endInterruptedRuns } from './runs/end-interrupted-runs';
import { createSqliteRunQueue } from './runs/sqlite-run-queue';
import { startRunWorker } from './runs/run-worker';
import type { RunWorker } from './runs/run-worker';
import type { ServerConfigInput } from './config';
import { answerFrameworkError, installErrorHandler } from './http/error-handler';
import type { Services } from './http/services';
import { loggerOptions } from './logging';
import { registerApiRoutes } from './routes/api-routes';
import { openDatabase } from './store/database';
import { transactions } from './store/transactions';
import { DocumentStore } from './sync/document-store';
import { SyncHub } from './sync/sync-hub';

export interface SyncServer {
  readonly app: FastifyInstance;
  readonly services: Services;
  readonly hub: SyncHub;
  /** Listens on the configured host and port; resolves to the base URL, e.g. http://127.0.0.1:8787. */
  listen(): Promise<string>;
  close(): Promise<void>;
}

export interface SyncServerOptions {
  now?: () => Date;
  /** Off only to measure the update guard's cost in benchmarks, and in tests to reach what only the guard keeps out. */
  guard?: boolean;
}

function hubOf(late: { hub?: SyncHub }): SyncHub {
  if (!late.hub) throw new Error('documents are not available before the sync hub starts');
  return late.hub;
}

export function createSyncServer(input: ServerConfigInput, options: SyncServerOptions = {}): SyncServer {
  const config = ServerConfig.parse(input);
  mkdirSync(config.dataDir, { recursive: true });
  const db = openDatabase(join(config.dataDir, 'quorum.sqlite'));
  const now = options.now ?? (() => new Date());

  const app = Fastify({
    logger: loggerOptions(config),
    bodyLimit: config.bodyLimit,
    // A failed request is answered by the error handler; nothing a client sends may bring it down.
    return503OnClosing: true,
    routerOptions: { maxParamLength: 200 },
    frameworkErrors: answerFrameworkError,
  });
  // The API takes JSON bodies only. Fastify would otherwise hand a text/plain body to the handlers
  // as a string, answering 400 where the client sent the wrong media type (415).
  app.removeContentTypeParser('text/plain');
  const { write, afterCommit } = transactions(db);
  const audit = new AuditLog(db, now);
  const keys = loadServerKeys({ dataDir: config.dataDir, env: process.env });
  // The hub needs the services and REST handlers reach documents through the hub: bound once both exist.
  const late: { hub?: SyncHub; worker?: RunWorker } = {};
  let closing = false;
  const changes = new ChangeLog(db, now, afterCommit);
  const services: Services = {
    db,
    audit,
    changes,
    config,
    attempts: new AttemptThrottle(
      { failuresBeforeBackoff: config.authFailuresBeforeBackoff, baseDelayMs: config.authBackoffBaseMs, maxDelayMs: config.authBackoffMaxMs },
      now,
    ),
    log: app.log,
    now,
    write,
    afterCommit,
    documents: {
      edit: (name, userId, edit) => hubOf(late).serverEdit(name, userId, edit),
      editAs: (name, userId, edit) => hubOf(late).serverEdit(name, userId, edit, true),
      forget: (name) => hubOf(late).forget(name),
      settle: () => hubOf(late).settle(),
    },
    apiKeys: createSqliteApiKeyRepository({ db, audit, changes, write, now }),
    connections: createSqliteConnectionRepository({ db, keys, audit, write, now }),
    runs: createSqliteRunQueue({ db, now }),
    stopRun: (runId) => late.worker?.stop(runId) ?? false,
  };
  // After a key rotation every stored key is sealed again with the new server key, so the old one can go.
  services.connections.resealKeys().then(
    (count) => {
      if (count > 0) app.log.info({ count }, 'Connection keys sealed again with the current server key.');
    },
    (error: unknown) => app.log.error({ reason: error instanceof Error ? error.message : String(error) }, 'Connection keys could not be sealed again.'),
  );
  const hub = new SyncHub(services, new DocumentStore(db, now), {
    maxMessageBytes: config.syncMaxMessageBytes,
    messagesPerSecond: config.syncMessagesPerSecond,
    messageBurst: config.syncMessageBurst,
    userMessagesPerSecond: config.syncUserMessagesPerSecond,
    userMessageBurst: config.syncUserMessageBurst,
    replyBytesPerSecond: config.syncReplyBytesPerSecond,
    replyByteBurst: config.syncReplyByteBurst,
    maxClientIds: config.syncMaxClientIds,
    maxPresencePerUser: config.syncMaxPresencePerUser,
    idleUnloadMs: config.syncIdleUnloadMs,
    compactAfterUpdates: config.compactAfterUpdates,
    guard: options.guard ?? true,
  });
  late.hub = hub;
  // Answers a crash cut off are ended with a notice before anyone waits on them again; only then
  // does the worker take runs, so that none the last process had is taken twice.
  endInterruptedRuns(services.runs, services.documents, (conversationId, error) =>
    app.log.warn({ conversationId, reason: error instanceof Error ? error.message : String(error) }, 'An interrupted answer could not be ended.'),
  )
    .then(
      (count) => {
        if (count > 0) app.log.info({ count }, 'Answers cut off when the server stopped were ended as failed.');
      },
      (error: unknown) => app.log.error({ reason: error instanceof Error ? error.message : String(error) }, 'Interrupted runs could not be ended.'),
    )
    .finally(() => {
      if (closing || config.runConcurrency === 0) return;
      late.worker = startRunWorker(services, {
        limits: { perOrganization: config.runsPerOrganization, perConnection: config.runsPerConnection },
        concurrency: config.runConcurrency,
        stream: { timeoutMs: config.runTimeoutMs, firstTokenTimeoutMs: config.runFirstTokenTimeoutMs },
      });
    });
  hub.attach(app.server);
  installErrorHandler(app);
  registerApiRoutes(app, services);

  return {
    app,
    services,
    hub,
    async listen() {
      const address = await app.listen({ port: config.port, host: config.host });
      return address;
    },
    async close() {
      if (closing) return;
      closing = true;
      await late.worker?.close();
      await hub.close();
      await app.close();
      db.close();
    },
  };
}
