import { z } from 'zod';

/** Every list answers `{ items: [...] }`, so paging fields can be added later without breaking clients. */
export function listOf<S extends z.ZodType>(item: S) {
  return z.strictObject({ items: z.array(item) });
}

export const NoContent = z.undefined();
