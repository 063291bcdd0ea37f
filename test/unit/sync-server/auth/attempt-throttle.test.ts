import { describe, expect, it } from 'vitest';
import { AttemptThrottle } from '../../../../sync-server/auth/attempt-throttle';

function clock(start = Date.parse('2025-01-31T09:30:00.000Z')) {
  let at = start;
  return { now: () => new Date(at), advance: (ms: number) => (at += ms) };
}

const defaults = { failuresBeforeBackoff: 5, baseDelayMs: 1000, maxDelayMs: 900_000 };

describe('AttemptThrottle', () => {
  it('lets five failures through, then waits a second, doubling with each failure after', () => {
    const time = clock();
    const throttle = new AttemptThrottle(defaults, time.now);
    for (let i = 0; i < 5; i++) {
      expect(throttle.check(['account:a'])).toEqual({ allowed: true });
      throttle.fail(['account:a']);
    }
    expect(throttle.check(['account:a'])).toEqual({ allowed: false, retryAfterMs: 1000 });
    time.advance(1000);
    expect(throttle.check(['account:a'])).toEqual({ allowed: true });
    throttle.fail(['account:a']);
    expect(throttle.check(['account:a'])).toEqual({ allowed: false, retryAfterMs: 2000 });
    time.advance(2000);
    throttle.fail(['account:a']);
    expect(throttle.check(['account:a'])).toEqual({ allowed: false, retryAfterMs: 4000 });
  });

  it('never waits longer than the cap, however many failures, and forgets them after a quiet cap', () => {
    const time = clock();
    const throttle = new AttemptThrottle(defaults, time.now);
    for (let i = 0; i < 200; i++) {
      const check = throttle.check(['account:a']);
      if (!check.allowed) time.advance(check.retryAfterMs);
      throttle.fail(['account:a']);
    }
    const blocked = throttle.check(['account:a']);
    expect(blocked).toEqual({ allowed: false, retryAfterMs: 900_000 });
    time.advance(900_000);
    expect(throttle.check(['account:a'])).toEqual({ allowed: true });
    time.advance(900_000);
    throttle.fail(['account:a']);
    expect(throttle.check(['account:a'])).toEqual({ allowed: true });
  });

  it('blocks on the longest wait of the keys asked about, and a success clears only what it is told to', () => {
    const time = clock();
    const throttle = new AttemptThrottle({ ...defaults, failuresBeforeBackoff: 1 }, time.now);
    throttle.fail(['account:a', 'address:1']);
    throttle.fail(['account:b', 'address:1']);
    expect(throttle.check(['account:c', 'address:1'])).toEqual({ allowed: false, retryAfterMs: 2000 });
    expect(throttle.check(['account:d', 'address:2'])).toEqual({ allowed: true });
    throttle.succeed(['account:b']);
    expect(throttle.check(['account:b'])).toEqual({ allowed: true });
    expect(throttle.check(['address:1']).allowed).toBe(false);
  });

  it('keeps a bounded number of keys, dropping the longest quiet first', () => {
    const time = clock();
    const throttle = new AttemptThrottle({ ...defaults, failuresBeforeBackoff: 1, maxKeys: 3 }, time.now);
    for (const key of ['a', 'b', 'c', 'd']) {
      throttle.fail([key]);
      time.advance(1);
    }
    expect(throttle.size).toBe(3);
    expect(throttle.check(['a'])).toEqual({ allowed: true });
    expect(throttle.check(['d']).allowed).toBe(false);
  });
});
