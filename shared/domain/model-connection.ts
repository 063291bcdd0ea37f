import { z } from 'zod';
import { ConnectionId, OrgId, UserId, WorkgroupId } from './ids';
import { ProviderBaseUrl } from './model-entry';
import { DisplayName } from './text-fields';
import { Timestamp } from './timestamp';

/** A provider key as given once; never part of any answer. */
export const ConnectionKey = z.string().min(1).max(4096);

/**
 * Request parameters every call through the connection starts from; a run's own values win.
 * Only what OpenAI-compatible servers commonly take, so a typo is refused instead of forwarded.
 */
export const ConnectionParams = z.strictObject({
  temperature: z.number().min(0).max(2).optional(),
  top_p: z.number().min(0).max(1).optional(),
  max_tokens: z.int().min(1).max(1_000_000).optional(),
  presence_penalty: z.number().min(-2).max(2).optional(),
  frequency_penalty: z.number().min(-2).max(2).optional(),
});
export type ConnectionParams = z.infer<typeof ConnectionParams>;

/**
 * A model connection as every client sees it: where it points and whether it has a key, never
 * the key. `workgroupId` null: the whole organization's.
 */
export const ModelConnection = z.strictObject({
  id: ConnectionId,
  orgId: OrgId,
  workgroupId: WorkgroupId.nullable(),
  name: DisplayName,
  baseUrl: ProviderBaseUrl,
  hasKey: z.boolean(),
  defaultParams: ConnectionParams,
  createdBy: UserId,
  createdAt: Timestamp,
  updatedBy: UserId,
  updatedAt: Timestamp,
});
export type ModelConnection = z.infer<typeof ModelConnection>;

/** POST /connections. */
export const ModelConnectionCreate = z.strictObject({
  name: DisplayName,
  baseUrl: ProviderBaseUrl,
  workgroupId: WorkgroupId.nullable().default(null),
  apiKey: ConnectionKey.nullable().default(null),
  defaultParams: ConnectionParams.default(() => ({})),
});
export type ModelConnectionCreate = z.infer<typeof ModelConnectionCreate>;

/** PATCH /connections/:id. `apiKey` null removes the key; absent keeps it. */
export const ModelConnectionPatch = z.strictObject({
  name: DisplayName.optional(),
  baseUrl: ProviderBaseUrl.optional(),
  apiKey: ConnectionKey.nullable().optional(),
  defaultParams: ConnectionParams.optional(),
});
export type ModelConnectionPatch = z.infer<typeof ModelConnectionPatch>;
