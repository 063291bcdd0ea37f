import { z } from 'zod';
import { ApiKeyId, OrgId, UserId } from './ids';
import { KeyScopes } from './key-scope';
import { DisplayName } from './text-fields';
import { Timestamp } from './timestamp';

/**
 * The first characters of the secret, stored in clear so a person can tell keys apart in a list
 * and recognise one found in a log, without the key being usable.
 */
export const ApiKeyPrefix = z
  .string()
  .regex(/^[A-Za-z0-9_-]{4,24}$/, 'must be 4 to 24 letters, digits, underscores or hyphens');
export type ApiKeyPrefix = z.infer<typeof ApiKeyPrefix>;

export const ApiKeySecret = z
  .string()
  .regex(/^[A-Za-z0-9_-]{32,256}$/, 'must be 32 to 256 letters, digits, underscores or hyphens');
export type ApiKeySecret = z.infer<typeof ApiKeySecret>;

/** A key as listed. The secret and its hash never leave the server's key store. */
export const ApiKey = z.strictObject({
  id: ApiKeyId,
  orgId: OrgId,
  userId: UserId,
  name: DisplayName,
  prefix: ApiKeyPrefix,
  scopes: KeyScopes,
  createdAt: Timestamp,
  lastUsedAt: Timestamp.nullable(),
  expiresAt: Timestamp.nullable(),
  revokedAt: Timestamp.nullable(),
});
export type ApiKey = z.infer<typeof ApiKey>;

/**
 * POST /auth/api-keys. `userId` lets an admin mint a key for a service account, which has no
 * password to sign in with; without it the key is the caller's own. Without `scopes` a key reads
 * and writes content; structure and membership need `admin` asked for by name.
 */
export const ApiKeyCreate = z.strictObject({
  name: DisplayName,
  scopes: KeyScopes.default(['read', 'write']),
  expiresAt: Timestamp.nullable().default(null),
  userId: UserId.optional(),
});
export type ApiKeyCreate = z.infer<typeof ApiKeyCreate>;

/** The answer to minting: the only time the secret is ever shown. */
export const ApiKeyMinted = z
  .strictObject({
    ...ApiKey.shape,
    secret: ApiKeySecret,
  })
  .refine((minted) => minted.secret.startsWith(minted.prefix), {
    path: ['secret'],
    error: 'must start with the key prefix',
  });
export type ApiKeyMinted = z.infer<typeof ApiKeyMinted>;
