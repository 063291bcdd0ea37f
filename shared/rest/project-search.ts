import { z } from 'zod';
import { ConversationId, EntityId } from '../domain/ids';
import { queryLimit } from './query-numbers';

export const ProjectSearchQuery = z.strictObject({
  q: z.string().trim().min(1).max(200),
  limit: queryLimit(100, 50),
});
export type ProjectSearchQuery = z.infer<typeof ProjectSearchQuery>;

/** What a hit was found in. */
export const searchHitKinds = ['project', 'conversation', 'message'] as const;

export const ProjectSearchHit = z.strictObject({
  kind: z.enum(searchHitKinds),
  id: EntityId,
  /** The field that matched, such as `title` or `description`. */
  field: z.string(),
  /** What to show as the hit's heading: the project's or conversation's name (a message's conversation's). */
  title: z.string(),
  /** For a message, the conversation it is in. */
  conversationId: ConversationId.optional(),
  /** The matching text around the match, shortened with an ellipsis. */
  snippet: z.string(),
});
export type ProjectSearchHit = z.infer<typeof ProjectSearchHit>;
