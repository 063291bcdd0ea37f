/** How attempts with wrong credentials slow down, per key (an account, an address). */
export interface ThrottleOptions {
  /** Failures in a row after which each further attempt first waits. */
  readonly failuresBeforeBackoff: number;
  /** The first wait; each further failure doubles it. */
  readonly baseDelayMs: number;
  /** The longest wait, and the quiet time after which a key's failures are forgotten. */
  readonly maxDelayMs: number;
  /** Keys remembered at most, so that a flood of addresses or emails cannot fill the memory. */
  readonly maxKeys?: number;
}

export type ThrottleCheck = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterMs: number };

interface Entry {
  failures: number;
  lastFailureAt: number;
  blockedUntil: number;
}

/**
 * Exponential backoff after repeated failures, kept in memory. An attempt made while a key waits
 * is refused without being checked and without counting, so hammering does not lengthen the wait,
 * and the wait is capped: whoever keeps failing can delay the right credentials by at most the cap
 * after their last failure, never lock them out for good.
 */
export class AttemptThrottle {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly options: ThrottleOptions,
    private readonly now: () => Date,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** Whether an attempt under all these keys may be checked now, or how long until it may. */
  check(keys: readonly string[]): ThrottleCheck {
    const at = this.now().getTime();
    let wait = 0;
    for (const key of keys) {
      const entry = this.current(key, at);
      if (entry !== undefined) wait = Math.max(wait, entry.blockedUntil - at);
    }
    return wait > 0 ? { allowed: false, retryAfterMs: wait } : { allowed: true };
  }

  fail(keys: readonly string[]): void {
    const at = this.now().getTime();
    for (const key of keys) {
      const entry = this.current(key, at) ?? { failures: 0, lastFailureAt: at, blockedUntil: 0 };
      entry.failures += 1;
      entry.lastFailureAt = at;
      const over = entry.failures - this.options.failuresBeforeBackoff;
      if (over >= 0) entry.blockedUntil = at + Math.min(this.options.maxDelayMs, this.options.baseDelayMs * 2 ** Math.min(over, 40));
      // Re-inserted, so the map's order is the order of last failure: the first key is the quietest.
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    const limit = this.options.maxKeys ?? 100_000;
    for (const key of this.entries.keys()) {
      if (this.entries.size <= limit) break;
      this.entries.delete(key);
    }
  }

  succeed(keys: readonly string[]): void {
    for (const key of keys) this.entries.delete(key);
  }

  /** The key's entry, forgotten once it has been quiet for the longest wait past its last one. */
  private current(key: string, at: number): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (at >= entry.blockedUntil && at - Math.max(entry.lastFailureAt, entry.blockedUntil) >= this.options.maxDelayMs) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }
}
