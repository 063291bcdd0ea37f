import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { AuditLog } from './audit/audit-log';
import { ChangeLog } from './changes/change-log';
import { ServerConfig } from './config';
import type { ServerConfigInput } from './config';
import { installErrorHandler } from './http/error-handler';
import type { Services } from './http/services';
import { loggerOptions } from './logging';
import { registerApiRoutes } from './routes/api-routes';
import { openDatabase } from './store/database';

export interface SyncServer {
  readonly app: FastifyInstance;
  readonly services: Services;
  /** Listens on the configured host and port; resolves to the base URL, e.g. http://127.0.0.1:8787. */
  listen(): Promise<string>;
  close(): Promise<void>;
}

export function createSyncServer(input: ServerConfigInput, options: { now?: () => Date } = {}): SyncServer {
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
  });
  const services: Services = {
    db,
    audit: new AuditLog(db, now),
    changes: new ChangeLog(db, now),
    config,
    log: app.log,
    now,
    write: (fn) => db.transaction(fn)(),
  };
  installErrorHandler(app);
  registerApiRoutes(app, services);

  let closed = false;
  return {
    app,
    services,
    async listen() {
      const address = await app.listen({ port: config.port, host: config.host });
      return address;
    },
    async close() {
      if (closed) return;
      closed = true;
      await app.close();
      db.close();
    },
  };
}
