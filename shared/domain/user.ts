import { z } from 'zod';
import { UserId } from './ids';
import { DisplayName } from './text-fields';
import { Timestamp } from './timestamp';

/**
 * An email address, trimmed and lowercased before it is checked. Invitations are matched to
 * accounts by email, so `Ann@Example.com` and `ann@example.com` must be the same address.
 */
export const Email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .check(z.email({ error: 'must be a valid email address' }));
export type Email = z.infer<typeof Email>;

/**
 * Length is the rule that measurably matters; composition rules push people to predictable
 * patterns. The upper bound only keeps hashing cheap. Never trimmed: every character counts.
 */
export const Password = z.string().min(10).max(256);
export type Password = z.infer<typeof Password>;

/** A person signs in with email and password; a service account authenticates with API keys only. */
export const userKinds = ['person', 'service'] as const;
export const UserKind = z.enum(userKinds);
export type UserKind = z.infer<typeof UserKind>;

export const User = z.strictObject({
  id: UserId,
  email: Email,
  displayName: DisplayName,
  kind: UserKind,
  createdAt: Timestamp,
});
export type User = z.infer<typeof User>;
