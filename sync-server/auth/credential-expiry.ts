import type { Principal } from '../http/principal';
import type { SqliteDatabase } from '../store/database';

/**
 * When the credential a principal was resolved from stops being valid by itself, in milliseconds
 * since the epoch: a session at the end of its lifetime, an API key at its `expiresAt`; undefined
 * for a key that never expires. Revocation is another matter, announced as it happens.
 */
export function credentialExpiry(db: SqliteDatabase, principal: Principal): number | undefined {
  const credential = principal.credential;
  if (credential.kind === 'server') return undefined;
  const row =
    credential.kind === 'session'
      ? (db.prepare('SELECT expires_at FROM sessions WHERE token_hash = ?').get(credential.tokenHash) as { expires_at: string } | undefined)
      : (db.prepare('SELECT expires_at FROM api_keys WHERE id = ?').get(credential.keyId) as { expires_at: string | null } | undefined);
  // A credential gone since it was resolved has already expired.
  if (!row) return 0;
  return row.expires_at === null ? undefined : Date.parse(row.expires_at);
}
