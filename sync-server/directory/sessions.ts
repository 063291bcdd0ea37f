import { newSessionToken, sha256Hex } from '../auth/secrets';
import type { Services } from '../http/services';

/** Opens a session; only the token's hash is stored, the token itself goes to the client once. */
export function createSession(services: Services, userId: string, orgId: string): { token: string; expiresAt: string } {
  const token = newSessionToken();
  const now = services.now();
  const expiresAt = new Date(now.getTime() + services.config.sessionTtlHours * 3_600_000).toISOString();
  services.db
    .prepare('INSERT INTO sessions (token_hash, user_id, org_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)')
    .run(sha256Hex(token), userId, orgId, now.toISOString(), expiresAt);
  return { token, expiresAt };
}
