import type { authEndpoints } from '../../shared/rest/auth-endpoints';
import { newEntityId } from '../../shared/domain/new-entity-id';
import { decideApiKeyMint } from '../../shared/policy/api-key-rules';
import { hasCapability } from '../../shared/policy/capabilities';
import { enforce } from '../access/enforce';
import { requireOrg } from '../access/scope-access';
import { recordAllowed } from '../audit/record-allowed';
import { apiKeyDisplayPrefix, newApiKeySecret, sha256Hex } from '../auth/secrets';
import { storedScopes } from '../directory/key-scopes';
import { getOrgMember } from '../directory/org-member-rows';
import type { ApiKeyRow } from '../directory/rows';
import { toApiKey } from '../directory/rows';
import { badRequest, forbidden, notFound } from '../http/api-error';
import type { Handlers } from '../http/register-endpoints';

type ApiKeyKeys = 'api-key.list' | 'api-key.create' | 'api-key.revoke';

/** API keys: minted for oneself or a service account, listed, revoked. */
export const apiKeyHandlers: Handlers<Pick<typeof authEndpoints, ApiKeyKeys>> = {
  'api-key.list': ({ principal, query }, services) => {
    if (query.scope === 'organization') {
      requireOrg(principal, 'api-key.read-all');
      const rows = services.db.prepare('SELECT * FROM api_keys WHERE org_id = ? ORDER BY created_at, id').all(principal.orgId) as ApiKeyRow[];
      return { items: rows.map(toApiKey) };
    }
    requireOrg(principal, 'api-key.read-own');
    const rows = services.db
      .prepare('SELECT * FROM api_keys WHERE org_id = ? AND user_id = ? ORDER BY created_at, id')
      .all(principal.orgId, principal.userId) as ApiKeyRow[];
    return { items: rows.map(toApiKey) };
  },

  'api-key.create': ({ principal, body }, services) => {
    const userId = body.userId ?? principal.userId;
    // Those who may mint for nobody else learn nothing about whether the account exists.
    if (userId !== principal.userId) requireOrg(principal, 'api-key.create-for-service');
    const holder = getOrgMember(services.db, principal.orgId, userId);
    if (!holder) throw notFound('User');
    enforce(decideApiKeyMint(principal, principal.orgId, { userId, kind: holder.user.kind, orgRole: holder.role }));
    // A key never hands out more than the key that mints it may do.
    const { credential } = principal;
    const beyond = credential.kind === 'api-key' ? body.scopes.filter((scope) => !credential.scopes.includes(scope)) : [];
    if (beyond.length > 0) throw forbidden(`This API key cannot mint a key with the ${beyond.join(', ')} scope it does not have itself.`);
    if (body.expiresAt !== null && Date.parse(body.expiresAt) <= services.now().getTime()) {
      throw badRequest('expiresAt must be in the future', 'expiresAt');
    }
    const id = newEntityId('key');
    const secret = newApiKeySecret(id);
    const row: ApiKeyRow = {
      id,
      org_id: principal.orgId,
      user_id: userId,
      name: body.name,
      prefix: apiKeyDisplayPrefix(secret),
      secret_hash: sha256Hex(secret),
      scopes: storedScopes(body.scopes),
      created_at: services.now().toISOString(),
      last_used_at: null,
      expires_at: body.expiresAt,
      revoked_at: null,
    };
    services.write(() => {
      services.db
        .prepare(
          `INSERT INTO api_keys (id, org_id, user_id, name, prefix, secret_hash, scopes, created_at, last_used_at, expires_at, revoked_at)
           VALUES (@id, @org_id, @user_id, @name, @prefix, @secret_hash, @scopes, @created_at, @last_used_at, @expires_at, @revoked_at)`,
        )
        .run(row);
      recordAllowed(services, principal, { action: 'api-key.create', resourceKind: 'api-key', resourceId: id, detail: { userId } });
      services.changes.touch(principal.orgId, 'api-key', id);
    });
    return { ...toApiKey(row), secret };
  },

  'api-key.revoke': ({ principal, params }, services) => {
    const row = services.db.prepare('SELECT * FROM api_keys WHERE id = ? AND org_id = ?').get(params.id, principal.orgId) as ApiKeyRow | undefined;
    if (!row) throw notFound('API key');
    if (row.user_id === principal.userId) {
      requireOrg(principal, 'api-key.revoke-own');
    } else if (!hasCapability(principal.orgRole, 'api-key.revoke-any')) {
      // Someone else's key is invisible to those who may not manage it.
      throw notFound('API key');
    }
    services.write(() => {
      services.db.prepare('UPDATE api_keys SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?').run(services.now().toISOString(), row.id);
      recordAllowed(services, principal, { action: 'api-key.revoke', resourceKind: 'api-key', resourceId: row.id, detail: { userId: row.user_id } });
      services.changes.touch(principal.orgId, 'api-key', row.id);
    });
    return undefined;
  },

};
