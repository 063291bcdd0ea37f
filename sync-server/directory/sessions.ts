import { newSessionToken, sha256Hex } from '../auth/secrets';
import type { Services } from '../http/services';

/**
 * Opens a session; only the token's hash is stored, the token itself goes to the client once.
 * `signedInAt` is when its holder last entered their password.
 */
export function createSession(services: Services, userId: string, orgId: string, signedInAt: string): { token: string; expiresAt: string } {
  const token = newSessionToken();
  const now = services.now();
  const expiresAt = new Date(now.getTime() + services.config.sessionTtlHours * 3_600_000).toISOString();
  services.db
    .prepare('INSERT INTO sessions (token_hash, user_id, org_id, created_at, expires_at, signed_in_at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(sha256Hex(token), userId, orgId, now.toISOString(), expiresAt, signedInAt);
  return { token, expiresAt };
}

/** Records that the session's holder entered their password again now. */
export function markSignedIn(services: Services, tokenHash: string): string {
  const at = services.now().toISOString();
  services.db.prepare('UPDATE sessions SET signed_in_at = ? WHERE token_hash = ?').run(at, tokenHash);
  return at;
}

/** Ends a session, as signing out does. */
export function endSession(services: Services, tokenHash: string): void {
  services.db.prepare('UPDATE sessions SET revoked_at = COALESCE(revoked_at, ?) WHERE token_hash = ?').run(services.now().toISOString(), tokenHash);
}
