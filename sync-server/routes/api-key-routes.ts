import type { authEndpoints } from '../../shared/rest/auth-endpoints';
import { newEntityId } from '../../shared/domain/new-entity-id';
import { decideApiKeyMint } from '../../shared/policy/api-key-rules';
import { hasCapability } from '../../shared/policy/capabilities';
import { enforce } from '../access/enforce';
import { requireOrg } from '../access/scope-access';
import { apiKeyDisplayPrefix, newApiKeySecret, sha256Hex } from '../auth/secrets';
import { getOrgMember } from '../directory/org-member-rows';
import { badRequest, forbidden, notFound } from '../http/api-error';
import type { Handlers } from '../http/register-endpoints';

type ApiKeyKeys = 'api-key.list' | 'api-key.create' | 'api-key.revoke';

/** API keys: minted for oneself or a service account, listed, revoked. */
export const apiKeyHandlers: Handlers<Pick<typeof authEndpoints, ApiKeyKeys>> = {
  'api-key.list': async ({ principal, query }, services) => {
    if (query.scope === 'organization') {
      requireOrg(principal, 'api-key.read-all');
      return { items: [...(await services.apiKeys.list(principal.orgId))] };
    }
    requireOrg(principal, 'api-key.read-own');
    return { items: [...(await services.apiKeys.list(principal.orgId, principal.userId))] };
  },

  'api-key.create': async ({ principal, body }, services) => {
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
    const key = await services.apiKeys.create(principal, {
      id,
      userId,
      name: body.name,
      prefix: apiKeyDisplayPrefix(secret),
      secretHash: sha256Hex(secret),
      scopes: body.scopes,
      expiresAt: body.expiresAt,
    });
    return { ...key, secret };
  },

  'api-key.revoke': async ({ principal, params }, services) => {
    const key = await services.apiKeys.get(principal.orgId, params.id);
    if (!key) throw notFound('API key');
    if (key.userId === principal.userId) {
      requireOrg(principal, 'api-key.revoke-own');
    } else if (!hasCapability(principal.orgRole, 'api-key.revoke-any')) {
      // Someone else's key is invisible to those who may not manage it.
      throw notFound('API key');
    }
    await services.apiKeys.revoke(principal, key.id);
    return undefined;
  },
};
