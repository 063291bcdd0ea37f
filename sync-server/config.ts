import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { homedir } from 'node:os';
import { z } from 'zod';
import { Plan } from '../shared/domain/plan';
import { parseInput } from '../shared/domain/schema-error';

export const LogLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

export const ServerConfig = z.strictObject({
  port: z.coerce.number().int().min(0).max(65535).default(8787),
  host: z.string().min(1).default('127.0.0.1'),
  dataDir: z.string().min(1).default(join(homedir(), '.quorum-sync')),
  logLevel: LogLevel.default('info'),
  /** Plan of organizations created by signup. The embedded single-user server runs as enterprise. */
  defaultPlan: Plan.default('free'),
  /** Largest request body accepted, in bytes; larger ones answer 413. */
  bodyLimit: z.coerce.number().int().min(1024).default(1024 * 1024),
  sessionTtlHours: z.coerce.number().positive().default(24 * 14),
  /** Largest sync message accepted, in bytes; larger ones close the socket with 4413. */
  syncMaxMessageBytes: z.coerce.number().int().min(1024).default(2 * 1024 * 1024),
  /** Sync messages a connection may send per second on average, and in one burst. */
  syncMessagesPerSecond: z.coerce.number().positive().default(500),
  syncMessageBurst: z.coerce.number().int().positive().default(2000),
  /** Sync messages one user may send per second on average, and in one burst, over all their sockets. */
  syncUserMessagesPerSecond: z.coerce.number().positive().default(1000),
  syncUserMessageBurst: z.coerce.number().int().positive().default(4000),
  /**
   * Bytes the server may send a connection, and one user over all their connections, in answer to
   * what they ask for (the document state, who is present): per second on average, and in one burst.
   */
  syncReplyBytesPerSecond: z.coerce.number().positive().default(4 * 1024 * 1024),
  syncReplyByteBurst: z.coerce.number().int().positive().default(64 * 1024 * 1024),
  /** Yjs client ids (through presence or updates) one connection may use. */
  syncMaxClientIds: z.coerce.number().int().positive().default(32),
  /** Presence states one user may hold at once, over all their connections. */
  syncMaxPresencePerUser: z.coerce.number().int().positive().default(64),
  /** How long a document without connections stays in memory. */
  syncIdleUnloadMs: z.coerce.number().int().min(0).default(30_000),
  /** Stored updates after which a document is compacted into a snapshot. */
  compactAfterUpdates: z.coerce.number().int().min(1).default(500),
  /**
   * Wrong passwords per account and per address, and made-up tokens per address, after which
   * each further attempt waits: first `authBackoffBaseMs`, doubling, at most `authBackoffMaxMs`.
   */
  authFailuresBeforeBackoff: z.coerce.number().int().min(1).default(5),
  authBackoffBaseMs: z.coerce.number().int().min(1).default(1000),
  authBackoffMaxMs: z.coerce.number().int().min(1).default(15 * 60 * 1000),
  /**
   * Agent runs the server answers at once: per organization, per connection, and in this process
   * (0: this process only queues runs, for workers elsewhere to take).
   */
  runsPerOrganization: z.coerce.number().int().min(1).default(4),
  runsPerConnection: z.coerce.number().int().min(1).default(4),
  runConcurrency: z.coerce.number().int().min(0).default(16),
  /** How long a run may wait for its first token, and take in all, before it fails. */
  runFirstTokenTimeoutMs: z.coerce.number().int().min(1).default(2 * 60_000),
  runTimeoutMs: z.coerce.number().int().min(1).default(10 * 60_000),
});
export type ServerConfig = z.infer<typeof ServerConfig>;
export type ServerConfigInput = z.input<typeof ServerConfig>;

const flags = {
  port: 'QUORUM_PORT',
  host: 'QUORUM_HOST',
  'data-dir': 'QUORUM_DATA_DIR',
  'log-level': 'QUORUM_LOG_LEVEL',
  'default-plan': 'QUORUM_DEFAULT_PLAN',
  'body-limit': 'QUORUM_BODY_LIMIT',
  'session-ttl-hours': 'QUORUM_SESSION_TTL_HOURS',
  'sync-max-message-bytes': 'QUORUM_SYNC_MAX_MESSAGE_BYTES',
  'sync-messages-per-second': 'QUORUM_SYNC_MESSAGES_PER_SECOND',
  'sync-message-burst': 'QUORUM_SYNC_MESSAGE_BURST',
  'sync-user-messages-per-second': 'QUORUM_SYNC_USER_MESSAGES_PER_SECOND',
  'sync-user-message-burst': 'QUORUM_SYNC_USER_MESSAGE_BURST',
  'sync-reply-bytes-per-second': 'QUORUM_SYNC_REPLY_BYTES_PER_SECOND',
  'sync-reply-byte-burst': 'QUORUM_SYNC_REPLY_BYTE_BURST',
  'sync-max-client-ids': 'QUORUM_SYNC_MAX_CLIENT_IDS',
  'sync-max-presence-per-user': 'QUORUM_SYNC_MAX_PRESENCE_PER_USER',
  'sync-idle-unload-ms': 'QUORUM_SYNC_IDLE_UNLOAD_MS',
  'compact-after-updates': 'QUORUM_COMPACT_AFTER_UPDATES',
  'auth-failures-before-backoff': 'QUORUM_AUTH_FAILURES_BEFORE_BACKOFF',
  'auth-backoff-base-ms': 'QUORUM_AUTH_BACKOFF_BASE_MS',
  'auth-backoff-max-ms': 'QUORUM_AUTH_BACKOFF_MAX_MS',
  'runs-per-organization': 'QUORUM_RUNS_PER_ORGANIZATION',
  'runs-per-connection': 'QUORUM_RUNS_PER_CONNECTION',
  'run-concurrency': 'QUORUM_RUN_CONCURRENCY',
  'run-first-token-timeout-ms': 'QUORUM_RUN_FIRST_TOKEN_TIMEOUT_MS',
  'run-timeout-ms': 'QUORUM_RUN_TIMEOUT_MS',
} as const;

const camel = (flag: string) => flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** Flags win over environment variables, which win over defaults. */
export function configFromArgs(argv: readonly string[], env: NodeJS.ProcessEnv): { config: ServerConfig; command: string | undefined } {
  const { values, positionals } = parseArgs({
    args: [...argv],
    options: Object.fromEntries(Object.keys(flags).map((flag) => [flag, { type: 'string' as const }])),
    allowPositionals: true,
    strict: true,
  });
  const raw: Record<string, unknown> = {};
  for (const [flag, variable] of Object.entries(flags)) {
    const value = (values as Record<string, string | undefined>)[flag] ?? env[variable];
    if (value !== undefined) raw[camel(flag)] = value;
  }
  const parsed = parseInput(ServerConfig, raw);
  if (!parsed.ok) {
    const flag = Object.keys(flags).find((f) => camel(f) === parsed.error.field) ?? parsed.error.field;
    throw new Error(`--${flag} ${parsed.error.message}`);
  }
  return { config: parsed.value, command: positionals[0] };
}
