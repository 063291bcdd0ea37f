import { z } from 'zod';
import { AgentEntryId, ConversationId, MessageId, ModelEntryId, UserId } from './ids';
import { Timestamp } from './timestamp';
import { ToolName } from './tool-name';
import { isJsonText } from './json-text';
import { Citation, maxCitations } from './citation';

/**
 * Who wrote a message. An agent's message also names the model that produced it (checked against
 * the project's lock) and the user whose app ran the agent.
 */
export const MessageAuthor = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('user'), userId: UserId }),
  z.strictObject({
    kind: z.literal('agent'),
    agentId: AgentEntryId,
    modelId: ModelEntryId,
    runBy: UserId,
  }),
]);
export type MessageAuthor = z.infer<typeof MessageAuthor>;

/**
 * A tool call as the model made it. The arguments stay the JSON text the model produced, so the
 * record shows exactly what was asked even when it does not fit the tool's parameters.
 */
export const ToolCall = z
  .strictObject({
    /** The id the endpoint gave the call; its format is the provider's. */
    id: z.string().min(1).max(256),
    name: ToolName,
    arguments: z
      .string()
      .max(100_000)
      .refine(isJsonText, { error: 'must be a JSON text' }),
    result: z.string().max(1_000_000).nullable(),
    error: z.string().max(10_000).nullable(),
  })
  .refine((call) => call.result === null || call.error === null, {
    path: ['error'],
    error: 'must be null when the call has a result',
  });
export type ToolCall = z.infer<typeof ToolCall>;

/** A rating from 1 (poor) to 5 (excellent). */
export const Rating = z.int().min(1).max(5);
export type Rating = z.infer<typeof Rating>;

/**
 * `waiting` while the server's queue holds the run (no worker has taken it yet), `streaming` while
 * an agent's answer is still arriving; the other three are final.
 */
export const messageStatuses = ['complete', 'streaming', 'error', 'cancelled', 'waiting'] as const;
export const MessageStatus = z.enum(messageStatuses);
export type MessageStatus = z.infer<typeof MessageStatus>;

export const Message = z.strictObject({
  id: MessageId,
  conversationId: ConversationId,
  author: MessageAuthor,
  content: z.string().max(1_000_000),
  createdAt: Timestamp,
  editedAt: Timestamp.nullable(),
  toolCalls: z.array(ToolCall),
  /** One rating per user; rating again replaces it. */
  ratings: z.record(UserId, Rating),
  status: MessageStatus,
  /** Its place in the thread (see shared/sync/message-thread.ts); absent on messages written before threads. */
  parentId: MessageId.nullable().optional(),
  alternativeOf: MessageId.optional(),
  shown: z.record(UserId, MessageId).optional(),
  deletedAt: Timestamp.nullable().optional(),
  /** The knowledge passages an answer cites; absent on messages that cite none. */
  citations: z.array(Citation).max(maxCitations).optional(),
});
export type Message = z.infer<typeof Message>;
