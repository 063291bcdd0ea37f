import type { BackoffPolicy } from '../sync/backoff';
import { backoffDelay } from '../sync/backoff';
import type { EmbeddedServer } from './embedded-server';

export interface SupervisorOptions {
  /** Starts the server again on the port it had, so the app's address for it stays right. */
  readonly start: (port: number) => Promise<EmbeddedServer>;
  /** Tells the person what happened, one sentence at a time. */
  readonly say: (sentence: string) => void;
  readonly backoff?: BackoffPolicy;
  /** A run this long counts as healthy: the next failure waits the shortest time again. */
  readonly healthyAfterMs?: number;
  readonly random?: () => number;
}

export interface SupervisedServer {
  readonly url: string;
  /** How many times it was started again after stopping on its own. */
  restarts(): number;
  stop(): Promise<void>;
}

/**
 * Keeps the embedded sync server running: when it stops on its own, it is started again on the
 * same port after a wait that doubles with each failure in a row, and the person is told each
 * time. Stopping the supervisor stops the server for good.
 */
export function superviseServer(first: EmbeddedServer, options: SupervisorOptions): SupervisedServer {
  const policy = options.backoff ?? { baseMs: 1000, maxMs: 60_000 };
  const healthyAfterMs = options.healthyAfterMs ?? 60_000;
  const random = options.random ?? Math.random;
  const port = Number(new URL(first.url).port);
  let current = first;
  let startedAt = Date.now();
  let failures = 0;
  let restarts = 0;
  let stopping = false;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const watch = (server: EmbeddedServer) => {
    server.process.once('exit', (code, signal) => {
      if (stopping) return;
      if (Date.now() - startedAt >= healthyAfterMs) failures = 0;
      const wait = backoffDelay(failures, policy, random);
      failures += 1;
      options.say(`The sync server stopped (${signal ?? `exit code ${String(code)}`}); starting it again in ${String(Math.ceil(wait / 1000))} s.`);
      timer = setTimeout(() => void again(), wait);
    });
  };

  const again = async () => {
    timer = null;
    if (stopping) return;
    try {
      const next = await options.start(port);
      if (stopping) return void (await next.stop());
      current = next;
      startedAt = Date.now();
      restarts += 1;
      options.say(`The sync server is running again on ${next.url}.`);
      watch(next);
    } catch (error) {
      const wait = backoffDelay(failures, policy, random);
      failures += 1;
      options.say(`The sync server could not start again (${error instanceof Error ? error.message : String(error)}); trying again in ${String(Math.ceil(wait / 1000))} s.`);
      timer = setTimeout(() => void again(), wait);
    }
  };

  watch(first);
  return {
    url: first.url,
    restarts: () => restarts,
    async stop() {
      stopping = true;
      if (timer !== null) clearTimeout(timer);
      await current.stop();
    },
  };
}
