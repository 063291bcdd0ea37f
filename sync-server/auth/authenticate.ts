import type { SqliteDatabase } from '../store/database';
import type { Principal } from '../http/principal';
import type { OrgRole } from '../../shared/domain/roles';
import { hashesEqual, parseApiKeySecret, sessionTokenPrefix, sha256Hex } from './secrets';

/** How long an API key's `last_used_at` may lag, so reads do not each cost a write. */
const lastUsedGranularityMs = 60_000;

/**
 * Resolves a bearer token to a principal, or `undefined` for anything not currently valid:
 * unknown, revoked, expired, or belonging to someone no longer in the organization.
 */
export function authenticate(db: SqliteDatabase, token: string, now: Date): Principal | undefined {
  if (token.startsWith(sessionTokenPrefix)) {
    const tokenHash = sha256Hex(token);
    const row = db
      .prepare(
        `SELECT s.user_id, s.org_id, s.expires_at, s.revoked_at, m.role FROM sessions s
         JOIN org_members m ON m.org_id = s.org_id AND m.user_id = s.user_id
         WHERE s.token_hash = ?`,
      )
      .get(tokenHash) as { user_id: string; org_id: string; expires_at: string; revoked_at: string | null; role: OrgRole } | undefined;
    if (!row || row.revoked_at !== null || Date.parse(row.expires_at) <= now.getTime()) return undefined;
    return { userId: row.user_id, orgId: row.org_id, orgRole: row.role, credential: { kind: 'session', tokenHash } };
  }
  const parsed = parseApiKeySecret(token);
  if (!parsed) return undefined;
  const row = db
    .prepare(
      `SELECT k.user_id, k.org_id, k.secret_hash, k.expires_at, k.revoked_at, k.last_used_at, m.role FROM api_keys k
       JOIN org_members m ON m.org_id = k.org_id AND m.user_id = k.user_id
       WHERE k.id = ?`,
    )
    .get(parsed.keyId) as
    | { user_id: string; org_id: string; secret_hash: string; expires_at: string | null; revoked_at: string | null; last_used_at: string | null; role: OrgRole }
    | undefined;
  if (!row || !hashesEqual(row.secret_hash, sha256Hex(parsed.secret))) return undefined;
  if (row.revoked_at !== null || (row.expires_at !== null && Date.parse(row.expires_at) <= now.getTime())) return undefined;
  if (row.last_used_at === null || now.getTime() - Date.parse(row.last_used_at) > lastUsedGranularityMs) {
    db.prepare('UPDATE api_keys SET last_used_at = ? WHERE id = ?').run(now.toISOString(), parsed.keyId);
  }
  return { userId: row.user_id, orgId: row.org_id, orgRole: row.role, credential: { kind: 'api-key', keyId: parsed.keyId } };
}

/** The token of an `Authorization: Bearer ...` header, if that is what the header holds. */
export function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}
