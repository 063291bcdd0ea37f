import { z } from 'zod';

/**
 * A whole number written in a query string. Digits only: `''`, `1e3`, `0x10` and `-1` are refused
 * rather than coerced, so a malformed cursor answers 400 instead of silently meaning 0.
 */
export const QueryInt = z
  .string()
  .regex(/^\d{1,15}$/, 'must be a whole number written with digits only')
  .transform(Number);

/** A page size between 1 and `max`, `fallback` when absent. */
export function queryLimit(max: number, fallback: number) {
  return QueryInt.pipe(z.int().min(1).max(max)).default(fallback);
}
