import { z } from 'zod';

/**
 * A SHA-256 digest as 64 lowercase hex characters. Uppercase is refused rather than folded: a
 * checksum is compared byte for byte, and one spelling keeps stored digests comparable as text.
 */
export const Sha256Hex = z
  .string()
  .regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex characters (a SHA-256 digest)');
export type Sha256Hex = z.infer<typeof Sha256Hex>;
