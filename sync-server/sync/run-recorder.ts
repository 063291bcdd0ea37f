import type { Message } from '../../shared/domain/message';
import { ApiError } from '../http/api-error';
import type { Services } from '../http/services';
import { maxRunDurationMs, recordAgentRun } from '../registry/agent-run-recorder';

/** Where a conversation document belongs. */
export interface ConversationFacts {
  readonly orgId: string;
  readonly projectId: string;
  readonly conversationId: string;
}

const outcomes = { complete: 'ok', error: 'error', cancelled: 'cancelled' } as const;

function toolCallCounts(message: Message): Record<string, number> {
  const counts = new Map<string, number>();
  for (const call of message.toolCalls) counts.set(call.name, (counts.get(call.name) ?? 0) + 1);
  return Object.fromEntries(counts);
}

function averageRating(message: Message): number | null {
  const ratings = Object.values(message.ratings);
  return ratings.length === 0 ? null : ratings.reduce((sum, rating) => sum + rating, 0) / ratings.length;
}

/**
 * Agent runs from what the server stores: an agent's answer that reaches a final status in the
 * conversation document becomes a run, with its agent, model, project, conversation and the member
 * whose app ran it (the guard checked that they sent it), its outcome, the tools it called and the
 * mean of its ratings. The run starts when the message says it was created and lasts, by the
 * server's clock, until its final status was stored: from when the server first stored the answer
 * still streaming, when it saw that happen, else from its creation time. Later changes (ratings
 * above all) update the same run, one per message. Call with the messages a stored batch changed,
 * inside the transaction that stored it.
 */
export function recordRuns(
  services: Services,
  facts: ConversationFacts,
  changed: readonly Message[],
  streamingSince: Map<string, number>,
  /** When the server stored each message's change, by id, where it is known; else now. */
  storedAt: ReadonlyMap<string, number> = new Map(),
): void {
  for (const message of changed) {
    const now = storedAt.get(message.id) ?? services.now().getTime();
    const author = message.author;
    if (author.kind !== 'agent') continue;
    // A queued answer is not under way yet; the run counts from when it starts streaming.
    if (message.status === 'waiting') continue;
    if (message.status === 'streaming') {
      if (!streamingSince.has(message.id)) streamingSince.set(message.id, now);
      continue;
    }
    const started = streamingSince.get(message.id) ?? Date.parse(message.createdAt);
    streamingSince.delete(message.id);
    try {
      recordAgentRun(services, facts.orgId, {
        agentId: author.agentId,
        projectId: facts.projectId,
        conversationId: facts.conversationId,
        messageId: message.id,
        modelId: author.modelId,
        runBy: author.runBy,
        startedAt: message.createdAt,
        durationMs: Math.min(maxRunDurationMs, Math.max(0, Math.round(now - started))),
        outcome: outcomes[message.status],
        toolCalls: toolCallCounts(message),
        rating: averageRating(message),
      });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      // Such as an agent deleted while its answer streamed: the answer stays, but no run counts for it.
      services.log.warn({ conversationId: facts.conversationId, messageId: message.id, reason: error.message }, 'agent run not recorded');
    }
  }
}
