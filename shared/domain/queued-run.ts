import { z } from 'zod';
import { AgentEntryId, ConversationId, MessageId, ModelEntryId, RunId, UserId } from './ids';
import { Timestamp } from './timestamp';

/** Where a run the server answers stands: `waiting` in the queue, `running`, then ended. */
export const QueuedRunStateSchema = z.enum(['waiting', 'running', 'complete', 'failed', 'cancelled']);

/** A run the server answers, as members and integrations see it. */
export const QueuedRunView = z.strictObject({
  id: RunId,
  conversationId: ConversationId,
  messageId: MessageId,
  agentId: AgentEntryId,
  modelId: ModelEntryId,
  requestedBy: UserId,
  state: QueuedRunStateSchema,
  cancelRequested: z.boolean(),
  error: z.string().nullable(),
  enqueuedAt: Timestamp,
  startedAt: Timestamp.nullable(),
  endedAt: Timestamp.nullable(),
});
export type QueuedRunView = z.infer<typeof QueuedRunView>;

/** POST /conversations/{id}/runs: an agent answers the thread (through its model's server connection). */
export const RunCreate = z.strictObject({
  agentId: AgentEntryId,
  /** A model other than the agent's own, when the project allows it. */
  modelId: ModelEntryId.optional(),
  /** The message the answer follows, when not the thread's last. */
  replyTo: MessageId.optional(),
});
export type RunCreate = z.infer<typeof RunCreate>;

/** POST /conversations/{id}/messages: a message written as the caller, and an agent's answer to it when `agentId` is given. */
export const ChatMessageCreate = z.strictObject({
  content: z.string().trim().min(1).max(100_000),
  agentId: AgentEntryId.optional(),
  modelId: ModelEntryId.optional(),
});
export type ChatMessageCreate = z.infer<typeof ChatMessageCreate>;

export const ChatMessageCreated = z.strictObject({
  messageId: MessageId,
  run: QueuedRunView.nullable(),
});
export type ChatMessageCreated = z.infer<typeof ChatMessageCreated>;
