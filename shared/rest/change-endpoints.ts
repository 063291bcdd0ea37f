import { z } from 'zod';
import { AgentEntry } from '../domain/agent-entry';
import { ApiKey } from '../domain/api-key';
import { Conversation } from '../domain/conversation';
import { EntityId } from '../domain/ids';
import { Invitation } from '../domain/invitation';
import { KnowledgeBase } from '../domain/knowledge-base';
import { ModelEntry } from '../domain/model-entry';
import { Organization } from '../domain/organization';
import { Project } from '../domain/project';
import { User } from '../domain/user';
import { Workgroup } from '../domain/workgroup';
import type { Endpoint } from './endpoint';
import { QueryInt, queryLimit } from './query-numbers';

function upsert<K extends string, S extends z.ZodType>(kind: K, entity: S) {
  return z.strictObject({ kind: z.literal(kind), id: EntityId, op: z.literal('upsert'), entity });
}

/**
 * The caller may see this entity now: store or replace it. Parents come before children in a page
 * built from scratch (organization, users, workgroups, projects, then what lives in them).
 */
export const ChangeUpsert = z.discriminatedUnion('kind', [
  upsert('organization', Organization),
  upsert('user', User),
  upsert('workgroup', Workgroup),
  upsert('project', Project),
  upsert('model', ModelEntry),
  upsert('agent', AgentEntry),
  upsert('conversation', Conversation),
  upsert('invitation', Invitation),
  upsert('api-key', ApiKey),
  upsert('knowledge-base', KnowledgeBase),
]);
export type ChangeUpsert = z.infer<typeof ChangeUpsert>;

/** Kinds of entity a replica holds. */
export type ReplicatedKind = ChangeUpsert['kind'];
export type ReplicatedEntity<K extends ReplicatedKind> = Extract<ChangeUpsert, { kind: K }>['entity'];
export const replicatedKinds = ChangeUpsert.options.map((option) => option.shape.kind.value) as [
  ReplicatedKind,
  ...ReplicatedKind[],
];
export const ReplicatedKind = z.enum(replicatedKinds);

/**
 * The caller held this entity and may no longer see it (deleted, or their access changed): drop it
 * from the replica. Sent only to those who were given the entity, so ids never leak.
 */
export const ChangeDelete = z.strictObject({ kind: ReplicatedKind, id: EntityId, op: z.literal('delete') });
export type ChangeDelete = z.infer<typeof ChangeDelete>;

export const Change = z.discriminatedUnion('op', [ChangeUpsert, ChangeDelete]);
export type Change = z.infer<typeof Change>;

export const maxChangePage = 1000;

export const ChangeQuery = z.strictObject({
  /** The `cursor` of the previous page; absent or 0 asks for everything the caller may see. */
  since: QueryInt.optional(),
  /**
   * How many feed entries to consider at most; a page can carry fewer changes after deduplication.
   * A sync from scratch (and the re-scan after the caller's access changed) answers in one page.
   */
  limit: queryLimit(maxChangePage, 500),
  /**
   * Which of the caller's replicas asks (one per device, chosen by the client). Tombstones go to
   * each replica that holds the entity, so a second device learns of a deletion too.
   */
  replica: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1 to 64 letters, digits, underscores or hyphens').default('default'),
});
export type ChangeQuery = z.infer<typeof ChangeQuery>;

export const ChangePage = z.strictObject({
  changes: z.array(Change),
  /** Pass as `since` next time. */
  cursor: z.int().min(0),
  /** More changes are waiting: ask again at once with the new cursor. */
  hasMore: z.boolean(),
  /** The caller's own access changed in these changes (or this is everything from scratch): their roles are to be read again. */
  access: z.boolean(),
});
export type ChangePage = z.infer<typeof ChangePage>;

export const changeEndpoints = {
  'change.list': {
    method: 'GET',
    path: '/changes',
    summary: "The caller's change feed for the local replica: upserts and tombstones since a cursor",
    query: ChangeQuery,
    response: ChangePage,
  },
} as const satisfies Record<string, Endpoint>;
