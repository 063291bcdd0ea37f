import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../../../sync-server/sync/rate-limiter';

/** A limiter on a clock the test moves by hand, in milliseconds. */
function limiter(perSecond: number, burst: number): { limiter: RateLimiter; advance(ms: number): void } {
  let now = 1_000;
  return { limiter: new RateLimiter(perSecond, burst, () => now), advance: (ms) => (now += ms) };
}

function takeAll(l: RateLimiter, attempts: number): number {
  let taken = 0;
  for (let i = 0; i < attempts; i++) if (l.take()) taken += 1;
  return taken;
}

describe('RateLimiter', () => {
  it('lets a full burst through at once, then refuses', () => {
    const { limiter: l } = limiter(10, 5);
    expect(takeAll(l, 5)).toBe(5);
    expect(l.take()).toBe(false);
  });

  it('refills at the configured rate', () => {
    const { limiter: l, advance } = limiter(10, 5);
    takeAll(l, 5);
    advance(99);
    expect(l.take()).toBe(false);
    advance(1);
    expect(l.take()).toBe(true);
    expect(l.take()).toBe(false);
    advance(300);
    expect(takeAll(l, 10)).toBe(3);
  });

  it('never holds more than the burst, however long it was idle', () => {
    const { limiter: l, advance } = limiter(10, 5);
    advance(60_000);
    expect(takeAll(l, 20)).toBe(5);
  });

  it('keeps fractions of a token between calls', () => {
    const { limiter: l, advance } = limiter(1, 1);
    expect(l.take()).toBe(true);
    // Three refusals 400 ms apart: each adds 0.4 of a token, and a refusal takes nothing.
    advance(400);
    expect(l.take()).toBe(false);
    advance(400);
    expect(l.take()).toBe(false);
    advance(199);
    expect(l.take()).toBe(false);
    advance(1);
    expect(l.take()).toBe(true);
  });

  it('holds a sender to the rate over a long run', () => {
    const { limiter: l, advance } = limiter(50, 10);
    let taken = 0;
    // 2,000 attempts, one per millisecond: 2 seconds at 50 per second, plus the first burst.
    for (let i = 0; i < 2_000; i++) {
      if (l.take()) taken += 1;
      advance(1);
    }
    expect(taken).toBeGreaterThanOrEqual(109);
    expect(taken).toBeLessThanOrEqual(110);
  });

  it('spends amounts, goes into debt for one larger than what is left, and refuses until the debt is paid', () => {
    const { limiter: l, advance } = limiter(100, 1_000);
    expect(l.spend(600)).toBe(true);
    expect(l.spend(5_000)).toBe(true);
    expect(l.spend(1)).toBe(false);
    // 4,600 in debt: paid off at 100 a second.
    advance(46_000);
    expect(l.spend(1)).toBe(false);
    advance(10);
    expect(l.spend(1)).toBe(true);
  });

  it('uses the real clock by default', () => {
    const l = new RateLimiter(1, 2);
    expect(takeAll(l, 3)).toBe(2);
  });
});
