import type { SqliteDatabase } from '../store/database';
import type { Principal } from '../http/principal';
import type { OrgRole } from '../../shared/domain/roles';
import { parseStoredScopes } from '../directory/key-scopes';
import { hashesEqual, parseApiKeySecret, sessionTokenPrefix, sha256Hex } from './secrets';

/** How long an API key's `last_used_at` may lag, so reads do not each cost a write. */
const lastUsedGranularityMs = 60_000;

/**
 * What a bearer token is: valid for a principal; `ended` when it is a real credential that no
 * longer works (revoked, expired, or its holder left the organization), which a client holding a
 * stale token sends in good faith; `unknown` when no credential ever had it, which is a guess.
 */
export type TokenCheck = { readonly principal: Principal } | { readonly failure: 'unknown' | 'ended' };

export function checkToken(db: SqliteDatabase, token: string, now: Date): TokenCheck {
  if (token.startsWith(sessionTokenPrefix)) {
    const tokenHash = sha256Hex(token);
    const row = db
      .prepare(
        `SELECT s.user_id, s.org_id, s.expires_at, s.revoked_at, s.signed_in_at, s.created_at, m.role FROM sessions s
         LEFT JOIN org_members m ON m.org_id = s.org_id AND m.user_id = s.user_id
         WHERE s.token_hash = ?`,
      )
      .get(tokenHash) as
      | { user_id: string; org_id: string; expires_at: string; revoked_at: string | null; signed_in_at: string | null; created_at: string; role: OrgRole | null }
      | undefined;
    if (!row) return { failure: 'unknown' };
    if (row.role === null || row.revoked_at !== null || Date.parse(row.expires_at) <= now.getTime()) return { failure: 'ended' };
    return { principal: { userId: row.user_id, orgId: row.org_id, orgRole: row.role, credential: { kind: 'session', tokenHash, signedInAt: row.signed_in_at ?? row.created_at } } };
  }
  const parsed = parseApiKeySecret(token);
  if (!parsed) return { failure: 'unknown' };
  const row = db
    .prepare(
      `SELECT k.user_id, k.org_id, k.secret_hash, k.expires_at, k.revoked_at, k.last_used_at, k.scopes, m.role FROM api_keys k
       LEFT JOIN org_members m ON m.org_id = k.org_id AND m.user_id = k.user_id
       WHERE k.id = ?`,
    )
    .get(parsed.keyId) as
        | {
        user_id: string;
        org_id: string;
        secret_hash: string;
        expires_at: string | null;
        revoked_at: string | null;
        last_used_at: string | null;
        scopes: string;
        role: OrgRole | null;
      }
    | undefined;
  if (!row || !hashesEqual(row.secret_hash, sha256Hex(parsed.secret))) return { failure: 'unknown' };
  if (row.role === null || row.revoked_at !== null || (row.expires_at !== null && Date.parse(row.expires_at) <= now.getTime())) return { failure: 'ended' };
  if (row.last_used_at === null || now.getTime() - Date.parse(row.last_used_at) > lastUsedGranularityMs) {
    db.prepare('UPDATE api_keys SET last_used_at = ? WHERE id = ?').run(now.toISOString(), parsed.keyId);
  }
  return { principal: { userId: row.user_id, orgId: row.org_id, orgRole: row.role, credential: { kind: 'api-key', keyId: parsed.keyId, scopes: parseStoredScopes(row.scopes) } } };
}

/**
 * Resolves a bearer token to a principal, or `undefined` for anything not currently valid:
 * unknown, revoked, expired, or belonging to someone no longer in the organization.
 */
export function authenticate(db: SqliteDatabase, token: string, now: Date): Principal | undefined {
  const check = checkToken(db, token, now);
  return 'principal' in check ? check.principal : undefined;
}

/** The token of an `Authorization: Bearer ...` header, if that is what the header holds. */
export function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}
