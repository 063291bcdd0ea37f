import { z } from 'zod';

/**
 * A moment in time as an ISO 8601 string in UTC (`Z`), as `Date.prototype.toISOString` writes it.
 * Offsets are refused so that every stored timestamp has one spelling and sorts as text.
 */
export const Timestamp = z.iso.datetime({
  // Only the format gets this message; a missing value still reads "is required".
  error: (issue) =>
    issue.code === 'invalid_format'
      ? 'must be an ISO 8601 UTC timestamp such as 2025-01-31T09:30:00.000Z'
      : undefined,
});
export type Timestamp = z.infer<typeof Timestamp>;
