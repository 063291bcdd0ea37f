/** How long to wait before reconnecting after failed attempts. */
export interface BackoffPolicy {
  /** The ceiling of the first wait. */
  readonly baseMs: number;
  /** No wait is longer than this. */
  readonly maxMs: number;
}

export const defaultBackoff: BackoffPolicy = { baseMs: 500, maxMs: 30_000 };

/**
 * The wait before reconnect attempt `attempt` (0 for the first after a loss): the ceiling doubles
 * with each failed attempt up to `maxMs`, and the wait is drawn from its upper half ("equal
 * jitter"). Waits still grow, but every client that lost the same server at the same moment comes
 * back at a different one instead of all at once. `random` returns a number in [0, 1).
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number): number {
  const exponent = Math.min(Math.max(0, Math.floor(attempt)), 30);
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** exponent);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
