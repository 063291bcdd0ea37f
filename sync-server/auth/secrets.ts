import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const sessionTokenPrefix = 'qs_';
export const apiKeyPrefix = 'qk_';
export const invitationCodePrefix = 'qi_';

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A session token: 256 random bits. Only its SHA-256 is stored. */
export function newSessionToken(): string {
  return sessionTokenPrefix + randomBytes(32).toString('base64url');
}

/** An invitation's one-time secret: 256 random bits, handed over by its sender. Only its SHA-256 is stored. */
export function newInvitationCode(): string {
  return invitationCodePrefix + randomBytes(32).toString('base64url');
}

/** An API key `qk_<keyId>_<random>`: the id finds the row, the whole key is compared by hash. */
export function newApiKeySecret(keyId: string): string {
  return `${apiKeyPrefix}${keyId}_${randomBytes(32).toString('base64url')}`;
}

/** What a person sees of a key in lists: enough to tell keys apart, useless to sign in with. */
export function apiKeyDisplayPrefix(secret: string): string {
  return secret.slice(0, apiKeyPrefix.length + 'key_'.length + 8);
}

const apiKeyPattern = /^qk_(key_[0-9a-z]{16,32})_[A-Za-z0-9_-]{32,}$/;

export function parseApiKeySecret(token: string): { keyId: string; secret: string } | undefined {
  const match = apiKeyPattern.exec(token);
  return match?.[1] ? { keyId: match[1], secret: token } : undefined;
}

export function hashesEqual(aHex: string, bHex: string): boolean {
  const a = Buffer.from(aHex, 'hex');
  const b = Buffer.from(bHex, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
