import { z } from 'zod';
import type { ApiKey } from '../../shared/domain/api-key';
import type { AuditLog } from '../audit/audit-log';
import type { ChangeLog } from '../changes/change-log';
import type { SqliteDatabase } from '../store/database';
import type { ApiKeyActor, ApiKeyRepository } from './api-key-repository';
import { storedScopes } from './key-scopes';
import { toApiKey } from './rows';

/** A row of `api_keys`, checked as it is read rather than asserted. */
const ApiKeyRow = z.object({
  id: z.string(),
  org_id: z.string(),
  user_id: z.string(),
  name: z.string(),
  prefix: z.string(),
  secret_hash: z.string(),
  scopes: z.string(),
  created_at: z.string(),
  last_used_at: z.string().nullable(),
  expires_at: z.string().nullable(),
  revoked_at: z.string().nullable(),
});

export interface SqliteApiKeyRepositoryOptions {
  readonly db: SqliteDatabase;
  readonly audit: AuditLog;
  readonly changes: ChangeLog;
  /** The server's transaction runner, so a change, its audit record and its change row commit together. */
  readonly write: <T>(fn: () => T) => T;
  readonly now: () => Date;
}

/** API keys in the server's SQLite file. */
export function createSqliteApiKeyRepository(options: SqliteApiKeyRepositoryOptions): ApiKeyRepository {
  const { db, audit, changes, write } = options;
  const one = (orgId: string, id: string): ApiKey | null => {
    const row = db.prepare('SELECT * FROM api_keys WHERE id = ? AND org_id = ?').get(id, orgId);
    return row === undefined ? null : toApiKey(ApiKeyRow.parse(row));
  };
  const recorded = (actor: ApiKeyActor, action: string, key: ApiKey) => {
    audit.record({
      orgId: actor.orgId,
      actorId: actor.userId,
      action,
      resourceKind: 'api-key',
      resourceId: key.id,
      projectId: null,
      outcome: 'allowed',
      detail: { userId: key.userId },
    });
    changes.touch(actor.orgId, 'api-key', key.id);
  };

  return {
    async list(orgId, holderId) {
      const rows =
        holderId === undefined
          ? db.prepare('SELECT * FROM api_keys WHERE org_id = ? ORDER BY created_at, id').all(orgId)
          : db.prepare('SELECT * FROM api_keys WHERE org_id = ? AND user_id = ? ORDER BY created_at, id').all(orgId, holderId);
      return z.array(ApiKeyRow).parse(rows).map(toApiKey);
    },

    async get(orgId, id) {
      return one(orgId, id);
    },

    async create(actor, key) {
      return write(() => {
        db.prepare(
          `INSERT INTO api_keys (id, org_id, user_id, name, prefix, secret_hash, scopes, created_at, last_used_at, expires_at, revoked_at)
           VALUES (@id, @orgId, @userId, @name, @prefix, @secretHash, @scopes, @createdAt, NULL, @expiresAt, NULL)`,
        ).run({ ...key, orgId: actor.orgId, scopes: storedScopes(key.scopes), createdAt: options.now().toISOString() });
        const created = one(actor.orgId, key.id);
        if (created === null) throw new Error(`API key ${key.id} vanished as it was stored`);
        recorded(actor, 'api-key.create', created);
        return created;
      });
    },

    async revoke(actor, id) {
      write(() => {
        const key = one(actor.orgId, id);
        if (key === null) return;
        db.prepare('UPDATE api_keys SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?').run(options.now().toISOString(), id);
        recorded(actor, 'api-key.revoke', key);
      });
    },
  };
}
