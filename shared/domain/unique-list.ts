import { z } from 'zod';

/**
 * An array whose items must not repeat. Lists such as allowlists and badges are sets; a duplicate
 * is almost always a client bug, and refusing it keeps stored documents canonical.
 */
export function uniqueList<T extends z.ZodType<string>>(item: T) {
  return z.array(item).superRefine((items, ctx) => {
    const seen = new Set<string>();
    items.forEach((value, index) => {
      if (seen.has(value)) {
        ctx.addIssue({
          code: 'custom',
          path: [index],
          message: `must not repeat ${JSON.stringify(value)}`,
        });
      }
      seen.add(value);
    });
  });
}
