import type { OutboxEntry } from '../../shared/app-api/app-api-contract';
import { AppFailure } from '../app-api/app-failure';
import type { EndpointKey } from '../../shared/rest/api-contract';
import type { RestRequest } from '../directory/prepare-request';
import { prepareRequest } from '../directory/prepare-request';
import type { RestClient } from '../directory/rest-client';
import { RestError } from '../directory/rest-error';
import type { OutboxStore } from './outbox-store';

export interface OutboxOptions {
  readonly store: OutboxStore;
  readonly client: Pick<RestClient, 'sendPrepared'>;
  /** The server and user changes are made as now; null when signed out. */
  readonly account: () => string | null;
  /** Told every outcome: the renderer shows applied and rejected changes from these. */
  readonly onSettled: (entry: OutboxEntry) => void;
  readonly now?: () => Date;
}

export interface ReplayOutcome {
  readonly applied: number;
  readonly rejected: number;
  /** Why the replay stopped before the end (no network, the server failing, the session gone); null when it finished. */
  readonly stopped: RestError | null;
}

/**
 * Directory changes made while the server could not be reached, sent again in the order they were
 * made when it can.
 *
 * How a replay treats each outcome, on purpose kept simple:
 * - applied: recorded and announced, then the next change.
 * - rejected by the server (a 4xx verdict on the change itself: forbidden, not found, conflict,
 *   bad input, plan limit): recorded with the server's code and message, kept in the list for the
 *   user to read and discard, announced, and the replay CONTINUES with the next change. Changes are
 *   independent by construction: a change can only name things that already have an id, so nothing
 *   queued depends on an earlier queued change having succeeded. If a later one did need what was
 *   refused, the server refuses it too, with its own reason.
 * - no answer, 5xx, 429 or 401: nothing is concluded. The replay stops; that change and every one
 *   after it stay pending for the next replay.
 *
 * A change whose answer was lost in transit may be sent twice; the server answers a duplicate
 * creation with a conflict, which is then shown like any other rejection.
 */
export interface Outbox {
  enqueue(endpoint: EndpointKey, request: RestRequest, summary: string): OutboxEntry;
  /** Sends every pending change in order; concurrent calls share one run. */
  replay(): Promise<ReplayOutcome>;
  list(): OutboxEntry[];
  pendingCount(): number;
  /** Forgets a change: a settled one, or a pending one the user no longer wants sent. */
  discard(id: string): void;
}

export function createOutbox(options: OutboxOptions): Outbox {
  const { store } = options;
  const now = () => (options.now ?? (() => new Date()))().toISOString();
  let running: Promise<ReplayOutcome> | null = null;
  let inFlight: string | null = null;

  const requireAccount = (): string => {
    const account = options.account();
    if (account === null) throw new AppFailure('unauthenticated', 'Sign in first.');
    return account;
  };

  async function run(account: string): Promise<ReplayOutcome> {
    let applied = 0;
    let rejected = 0;
    let afterSeq = 0;
    for (;;) {
      const record = store.nextPending(account, afterSeq);
      if (record === undefined) return { applied, rejected, stopped: null };
      afterSeq = record.seq;
      inFlight = record.entry.id;
      try {
        // Checked again: a change queued by an older version of the app may no longer fit the contract.
        await options.client.sendPrepared(prepareRequest(record.entry.endpoint, record.request));
        applied += 1;
        options.onSettled(store.markApplied(record.entry.id, now()));
      } catch (error) {
        if (error instanceof RestError && error.isRetryable) return { applied, rejected, stopped: error };
        if (!(error instanceof AppFailure)) throw error;
        rejected += 1;
        const field = error.field === undefined ? {} : { field: error.field };
        options.onSettled(store.markRejected(record.entry.id, { code: error.code, message: error.message, ...field }, now()));
      } finally {
        inFlight = null;
      }
    }
  }

  return {
    enqueue(endpoint, request, summary) {
      prepareRequest(endpoint, request);
      return store.add({ account: requireAccount(), endpoint, request, summary, createdAt: now() });
    },
    replay() {
      const account = options.account();
      if (account === null) return Promise.resolve({ applied: 0, rejected: 0, stopped: null });
      running ??= run(account).finally(() => {
        running = null;
      });
      return running;
    },
    list() {
      const account = options.account();
      return account === null ? [] : store.list(account);
    },
    pendingCount() {
      const account = options.account();
      return account === null ? 0 : store.pendingCount(account);
    },
    discard(id) {
      const account = requireAccount();
      if (inFlight === id) throw new AppFailure('conflict', 'This change is being sent right now; wait for its outcome.');
      if (!store.remove(account, id)) throw new AppFailure('not_found', 'There is no such change in the outbox.');
    },
  };
}
