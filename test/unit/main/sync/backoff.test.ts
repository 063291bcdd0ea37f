import { describe, expect, it } from 'vitest';
import { backoffDelay, defaultBackoff } from '../../../../main/sync/backoff';
import { seededRandom } from '../../support/seeded-random';

const policy = { baseMs: 100, maxMs: 10_000 };

function delays(seed: number, attempts = 12): number[] {
  const random = seededRandom(seed);
  return Array.from({ length: attempts }, (_, attempt) => backoffDelay(attempt, policy, random));
}

describe('backoffDelay', () => {
  it('draws each wait from the upper half of a ceiling that doubles up to the maximum', () => {
    for (const [attempt, delay] of delays(7).entries()) {
      const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** attempt);
      expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
      expect(delay).toBeLessThanOrEqual(ceiling);
    }
  });

  it('grows: no wait is shorter than the one before until the maximum is reached', () => {
    const waits = delays(42);
    for (let attempt = 1; attempt < waits.length; attempt++) {
      const ceiling = policy.baseMs * 2 ** attempt;
      if (ceiling / 2 >= policy.maxMs) break;
      expect(waits[attempt]!).toBeGreaterThanOrEqual(waits[attempt - 1]!);
    }
    expect(waits[11]!).toBeGreaterThan(waits[0]! * 20);
    expect(Math.max(...waits)).toBeLessThanOrEqual(policy.maxMs);
  });

  it('is jittered: clients that lost the server together come back at different moments', () => {
    const a = delays(1);
    const b = delays(2);
    expect(a).not.toEqual(b);
    // At every attempt, a hundred clients spread over the window instead of arriving at once.
    for (const attempt of [0, 3, 8]) {
      const random = seededRandom(attempt + 100);
      const spread = new Set(Array.from({ length: 100 }, () => backoffDelay(attempt, policy, random)));
      expect(spread.size).toBeGreaterThan(30);
    }
  });

  it('is deterministic for a given random source', () => {
    expect(delays(9)).toEqual(delays(9));
  });

  it('spans exactly [ceiling/2, ceiling] at the random source extremes', () => {
    expect(backoffDelay(3, policy, () => 0)).toBe(400);
    expect(backoffDelay(3, policy, () => 0.999999)).toBe(800);
    expect(backoffDelay(40, policy, () => 0)).toBe(policy.maxMs / 2);
    expect(backoffDelay(-1, policy, () => 0)).toBe(policy.baseMs / 2);
  });

  it('defaults to waits between a quarter second and thirty seconds', () => {
    expect(backoffDelay(0, defaultBackoff, () => 0)).toBe(250);
    expect(backoffDelay(100, defaultBackoff, () => 0.999999)).toBe(30_000);
  });
});
