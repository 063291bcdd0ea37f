import { randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh secret for one launch of the web shell: 32 random bytes, as 64 hex characters. */
export function createLaunchSecret(): string {
  return randomBytes(32).toString('hex');
}

/** Compares in constant time, so the answer's timing reveals nothing about the secret. */
export function secretMatches(expected: string, presented: string | undefined): boolean {
  if (presented === undefined) return false;
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(presented, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
