import type { FastifyServerOptions } from 'fastify';
import type { ServerConfig } from './config';

/**
 * Structured JSON logs. Requests are logged by method and path only: query strings can carry a
 * token (WebSocket upgrades), and headers carry credentials, so neither is ever written.
 */
export function loggerOptions(config: Pick<ServerConfig, 'logLevel'>): FastifyServerOptions['logger'] {
  return {
    level: config.logLevel,
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization', '*.token', '*.password', '*.secret'],
      censor: '[redacted]',
    },
    serializers: {
      req: (req: { method?: string; url?: string; ip?: string }) => ({
        method: req.method,
        path: req.url?.split('?')[0],
        ip: req.ip,
      }),
    },
  };
}
