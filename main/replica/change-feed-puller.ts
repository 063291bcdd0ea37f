import { maxChangePage } from '../../shared/rest/change-endpoints';
import type { ReplicatedKind } from '../../shared/rest/change-endpoints';
import type { DirectoryChange } from '../app/ports';
import type { RestClient } from '../directory/rest-client';
import { RestError } from '../directory/rest-error';
import type { Replica } from './replica';

export interface ChangeFeedPullerOptions {
  readonly client: Pick<RestClient, 'call'>;
  readonly replica: Replica;
  /** The first pause before trying again after a pull could not reach the server. */
  readonly retryMs?: number;
  /** The pause doubles with each failure in a row up to this. */
  readonly maxRetryMs?: number;
  /** Feed entries asked for per page. */
  readonly pageLimit?: number;
}

export interface PullerStatus {
  /** The last pull reached the server and it answered. */
  readonly online: boolean;
  /** The server refused the credential: retries wait until a pull is asked for again. */
  readonly unauthenticated: boolean;
  readonly pulling: boolean;
  readonly lastSyncAt: string | null;
  readonly lastError: string | null;
}


export type PullFailure = 'offline' | 'unauthenticated' | 'refused' | 'invalid-response';

export type PullResult =
  | { readonly ok: true; readonly pages: number; readonly change: DirectoryChange }
  /** Pages applied before the failure stay applied; `change` says what they changed. */
  | { readonly ok: false; readonly reason: PullFailure; readonly message: string; readonly pages: number; readonly change: DirectoryChange };

type Listener<T> = (value: T) => void;

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A REST call that did not succeed, as a pull reports it. */
interface CallFailure {
  readonly reason: PullFailure;
  readonly message: string;
  /** The request field the server refused, if it named one. */
  readonly field: string | null;
}

function failureOf(error: RestError): CallFailure {
  const field = error.field ?? null;
  if (error.status === 0 || error.status === 429 || error.status >= 500) return { reason: 'offline', message: error.message, field };
  if (error.status === 401) return { reason: 'unauthenticated', message: error.message, field };
  // A 2xx whose body the endpoint's schema refused: a server this version does not understand.
  if (error.status < 300) return { reason: 'invalid-response', message: error.message, field };
  return { reason: 'refused', message: error.message, field };
}

/** The answer, or the failure a pull reports; only a local failure (not a RestError) throws. */
async function attempt<T>(call: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; failure: CallFailure }> {
  try {
    return { ok: true, value: await call() };
  } catch (error) {
    if (error instanceof RestError) return { ok: false, failure: failureOf(error) };
    throw error;
  }
}

/** A listener that throws is reported and does not stop the others or the pull that called it. */
function notify<T>(listener: Listener<T>, value: T): void {
  try {
    listener(value);
  } catch (error) {
    console.error('A replica listener failed:', error);
  }
}

class ChangeCollector {
  readonly kinds = new Set<ReplicatedKind>();
  readonly conversations = new Set<string>();
  readonly projects = new Set<string>();
  readonly documents = new Set<string>();
  rolesChanged = false;

  get any(): boolean {
    return this.kinds.size > 0 || this.conversations.size > 0 || this.projects.size > 0 || this.rolesChanged;
  }

  change(): DirectoryChange {
    return {
      kinds: [...this.kinds],
      droppedConversationIds: [...this.conversations],
      droppedProjectIds: [...this.projects],
      changedDocuments: [...this.documents],
      rolesChanged: this.rolesChanged,
    };
  }
}

/**
 * Keeps the local replica current from the server's change feed: pulls when started, when asked,
 * and when the server says the feed advanced past the stored cursor (`notified`); never on a timer
 * while the server answers, only to try again after a failure. Each pull takes pages after the
 * stored cursor until there are no more, applies each in its own transaction with its cursor, then
 * reads the caller's roles again only when their access changed (a page or the notice says so, or
 * on start). Failures leave the replica as it was and show in the status; nothing here throws for
 * a network or server problem.
 */
export class ChangeFeedPuller {
  private readonly client: Pick<RestClient, 'call'>;
  private readonly replica: Replica;
  private readonly retryMs: number;
  private readonly maxRetryMs: number;
  private readonly pageLimit: number;
  private readonly changeListeners = new Set<Listener<DirectoryChange>>();
  private readonly statusListeners = new Set<Listener<PullerStatus>>();
  private current: PullerStatus;
  private running: Promise<PullResult> | null = null;
  private queued: Promise<PullResult> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private started = false;
  private failures = 0;
  private rolesStale = true;

  constructor(options: ChangeFeedPullerOptions) {
    this.client = options.client;
    this.replica = options.replica;
    this.retryMs = options.retryMs ?? 1_000;
    this.maxRetryMs = Math.max(this.retryMs, options.maxRetryMs ?? 300_000);
    this.pageLimit = Math.min(maxChangePage, options.pageLimit ?? 500);
    this.current = { online: false, unauthenticated: false, pulling: false, lastSyncAt: this.replica.lastSyncAt, lastError: null };
  }

  status(): PullerStatus {
    return this.current;
  }

  /** Called after every pull that changed something locally. Returns the unsubscribe function. */
  onChange(listener: Listener<DirectoryChange>): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  onStatus(listener: Listener<PullerStatus>): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /** Pulls now, reading the roles too, and after a failure again until one succeeds. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.rolesStale = true;
    this.pullInBackground();
  }

  /** Stops trying again and waits for a pull in flight. */
  async stop(): Promise<void> {
    this.started = false;
    this.clearTimer();
    // A local failure of those pulls is in the status already; stopping only waits for them.
    await this.queued?.catch(() => undefined);
    await this.running?.catch(() => undefined);
  }

  /**
   * Pulls now (for example when the sync socket reconnects or after a local change reached the
   * server). A call during a pull is served by one more pull right after it, shared by every caller.
   * Network and server problems are results, never rejections; only a failure of the local
   * database rejects (and shows in the status).
   */
  pull(): Promise<PullResult> {
    if (this.running === null) {
      this.clearTimer();
      this.running = this.run().finally(() => {
        this.running = null;
        this.scheduleNext();
      });
      return this.running;
    }
    this.queued ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.queued = null;
        return this.pull();
      });
    return this.queued;
  }

  /**
   * The server said the organization's feed advanced to `cursor`; `access`: the caller's own access
   * changed with it. Pulls unless the replica is there already; the roles are read again on access.
   */
  notified(cursor: number, access: boolean): void {
    if (!this.started) return;
    if (access) this.rolesStale = true;
    if (cursor <= this.replica.cursor && !access) return;
    this.pullInBackground();
  }

  /** A pull nobody awaits: a local failure is already in the status, so it ends there. */
  private pullInBackground(): void {
    this.pull().catch(() => undefined);
  }

  private async run(): Promise<PullResult> {
    this.setStatus({ pulling: true });
    const collected = new ChangeCollector();
    const progress = { pages: 0 };
    const fail = (reason: PullFailure, message: string): PullResult => {
      if (reason === 'offline') this.failures += 1;
      this.setStatus({ pulling: false, online: reason !== 'offline', unauthenticated: reason === 'unauthenticated', lastError: message });
      this.emit(collected);
      return { ok: false, reason, message, pages: progress.pages, change: collected.change() };
    };
    try {
      return await this.pullPages(collected, progress, fail);
    } catch (error) {
      // Only the local database can throw here (disk full, closed): the page in hand was rolled back.
      this.failures += 1;
      this.setStatus({ pulling: false, lastError: `The local replica could not be updated: ${errorText(error)}` });
      this.emit(collected);
      throw error;
    }
  }

  private async pullPages(
    collected: ChangeCollector,
    progress: { pages: number },
    fail: (reason: PullFailure, message: string) => PullResult,
  ): Promise<PullResult> {
    let since = this.replica.cursor;
    let restarted = false;
    for (;;) {
      const query = { since: String(since), limit: String(this.pageLimit), replica: this.replica.replicaId };
      const outcome = await attempt(() => this.client.call('change.list', { query }));
      if (!outcome.ok) {
        const { reason, field, message } = outcome.failure;
        if (reason === 'refused' && field === 'since' && since !== 0 && !restarted) {
          // The server does not know our cursor (its data was restored or replaced): start over from a snapshot.
          since = 0;
          restarted = true;
          continue;
        }
        return fail(reason, message);
      }
      const page = outcome.value;
      const applied = this.replica.apply(page.changes, page.cursor, { snapshot: since === 0 });
      progress.pages += 1;
      for (const kind of applied.changedKinds) collected.kinds.add(kind);
      for (const id of applied.droppedConversationIds) collected.conversations.add(id);
      for (const id of applied.droppedProjectIds) collected.projects.add(id);
      for (const name of applied.changedDocuments) collected.documents.add(name);
      if (page.access) this.rolesStale = true;
      // A page that does not move the cursor cannot be followed by a different one: stop rather than loop.
      const moved = page.cursor !== since;
      since = page.cursor;
      if (!page.hasMore || !moved) break;
    }

    if (this.rolesStale) {
      const access = await attempt(() => this.client.call('auth.access', {}));
      if (!access.ok) return fail(access.failure.reason, access.failure.message);
      collected.rolesChanged = this.replica.setRoles(access.value);
      this.rolesStale = false;
    }

    this.failures = 0;
    this.setStatus({ pulling: false, online: true, unauthenticated: false, lastError: null, lastSyncAt: this.replica.lastSyncAt });
    this.emit(collected);
    return { ok: true, pages: progress.pages, change: collected.change() };
  }

  private emit(collected: ChangeCollector): void {
    if (!collected.any) return;
    const change = collected.change();
    for (const listener of this.changeListeners) notify(listener, change);
  }

  private setStatus(patch: Partial<PullerStatus>): void {
    const next = { ...this.current, ...patch };
    const changed = (Object.keys(next) as (keyof PullerStatus)[]).some((key) => next[key] !== this.current[key]);
    this.current = next;
    if (changed) for (const listener of this.statusListeners) notify(listener, next);
  }

  private scheduleNext(): void {
    this.clearTimer();
    if (!this.started || this.current.unauthenticated || this.failures === 0) return;
    const delay = Math.min(this.maxRetryMs, this.retryMs * 2 ** Math.min(this.failures - 1, 20));
    this.timer = setTimeout(() => {
      this.timer = null;
      this.pullInBackground();
    }, delay);
    // Trying again alone must never keep the process alive.
    this.timer.unref();
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
