import { z } from 'zod';
import { ConnectionId, ModelEntryId, ModelVersionId, OrgId, UserId } from './ids';
import { ModelParameters, unsetParameters } from './model-parameters';
import { Description, DisplayName } from './text-fields';
import { Timestamp } from './timestamp';
import { uniqueList } from './unique-list';
import { Visibility } from './visibility';

/**
 * The endpoint's base URL. Credentials in the URL are refused: entries are shared across the
 * organization, and provider secrets stay on each user's machine.
 */
export const ProviderBaseUrl = z
  .url({
    protocol: /^https?$/,
    error: (issue) => (issue.code === 'invalid_format' ? 'must be an http or https URL' : undefined),
  })
  .max(2048)
  .refine((url) => !/^[a-z]+:\/\/[^/?#]*@/i.test(url), {
    error: 'must not contain a user name or password',
  });
export type ProviderBaseUrl = z.infer<typeof ProviderBaseUrl>;

const ProviderModelName = z.string().trim().min(1).max(256);

/** An OpenAI-compatible endpoint each member's desktop calls, with its own key, and the model name to ask it for. */
export const EndpointProvider = z.strictObject({
  baseUrl: ProviderBaseUrl,
  model: ProviderModelName,
});
export type EndpointProvider = z.infer<typeof EndpointProvider>;

/**
 * One of the organization's server connections and the model name to ask it for: the server
 * answers runs of such a model with the connection's key, and no member needs one.
 */
export const ConnectionProvider = z.strictObject({
  connectionId: ConnectionId,
  model: ProviderModelName,
});
export type ConnectionProvider = z.infer<typeof ConnectionProvider>;

/** Where a model is asked: an endpoint of the entry's own, or a server connection. */
export const ModelProvider = z.union([EndpointProvider, ConnectionProvider]);
export type ModelProvider = z.infer<typeof ModelProvider>;

export function usesConnection(provider: ModelProvider): provider is ConnectionProvider {
  return 'connectionId' in provider;
}

/** Where the model is asked, in words for a list or a detail view. */
export function providerPlace(provider: ModelProvider): string {
  return usesConnection(provider) ? 'a server connection' : provider.baseUrl;
}

export const modelBadges = ['verified', 'experimental', 'fine-tuned', 'quantized'] as const;
export const ModelBadge = z.enum(modelBadges);
export type ModelBadge = z.infer<typeof ModelBadge>;

export const ModelBadges = uniqueList(ModelBadge);
export type ModelBadges = z.infer<typeof ModelBadges>;

export const ModelEntry = z.strictObject({
  id: ModelEntryId,
  orgId: OrgId,
  ownerId: UserId,
  name: DisplayName,
  description: Description,
  provider: ModelProvider,
  badges: ModelBadges,
  /** Defaults a run asks with; agents may narrow them. Entries from before they existed have none set. */
  parameters: ModelParameters.default(() => unsetParameters),
  visibility: Visibility,
  /** The version in use; pointing it at an older version is a rollback. */
  currentVersionId: ModelVersionId.nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type ModelEntry = z.infer<typeof ModelEntry>;

/** POST /model-registry. A new entry is private until its owner shares it. */
export const ModelEntryCreate = z.strictObject({
  name: DisplayName,
  description: Description.default(''),
  provider: ModelProvider,
  badges: ModelBadges.default(() => []),
  parameters: ModelParameters.default(() => unsetParameters),
  visibility: Visibility.default(() => ({ level: 'private' as const })),
});
export type ModelEntryCreate = z.infer<typeof ModelEntryCreate>;

/**
 * PUT /model-registry/{id}. Visibility has its own endpoint and the current version moves by
 * rollback, so neither changes here.
 */
export const ModelEntryUpdate = z.strictObject({
  name: DisplayName,
  description: Description,
  provider: ModelProvider,
  badges: ModelBadges,
  /** Left out: the parameters stay as they are. */
  parameters: ModelParameters.optional(),
});
export type ModelEntryUpdate = z.infer<typeof ModelEntryUpdate>;

/** Points the entry's current version at one of its versions, older or newer. */
export const ModelRollback = z.strictObject({
  versionId: ModelVersionId,
});
export type ModelRollback = z.infer<typeof ModelRollback>;
