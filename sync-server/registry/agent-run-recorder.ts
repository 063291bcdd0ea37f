import { z } from 'zod';
import { AgentEntryId, ConversationId, MessageId, ModelEntryId, ProjectId, UserId } from '../../shared/domain/ids';
import { parseInput } from '../../shared/domain/schema-error';
import { Timestamp } from '../../shared/domain/timestamp';
import { ToolName } from '../../shared/domain/tool-name';
import { ApiError, badRequest } from '../http/api-error';
import type { Services } from '../http/services';
import { newEntityId } from '../../shared/domain/new-entity-id';

export const agentRunOutcomes = ['ok', 'error', 'cancelled'] as const;

/** Longest run recorded; a longer one is recorded as this long. */
export const maxRunDurationMs = 7 * 24 * 3600 * 1000;

/** One finished agent run, as the server learns of it. */
export const AgentRunRecord = z
  .strictObject({
    agentId: AgentEntryId,
    projectId: ProjectId,
    conversationId: ConversationId.nullable().default(null),
    modelId: ModelEntryId.nullable().default(null),
    /** Whose app ran the agent. */
    runBy: UserId,
    startedAt: Timestamp,
    durationMs: z.int().min(0).max(maxRunDurationMs),
    outcome: z.enum(agentRunOutcomes),
    /** Calls per tool during the run. */
    toolCalls: z.record(ToolName, z.int().min(0)).default(() => ({})),
    /** The mean of the answer's 1-5 ratings. */
    rating: z.number().min(1).max(5).nullable().default(null),
    /** The message of `conversationId` the run was read from: one run per message. */
    messageId: MessageId.nullable().default(null),
  })
  .refine((run) => run.messageId === null || run.conversationId !== null, {
    path: ['conversationId'],
    error: 'is required when the run names its message',
  });
export type AgentRunInput = z.input<typeof AgentRunRecord>;

function requireInOrg(services: Services, table: 'agents' | 'projects', id: string, orgId: string, field: string): void {
  if (!services.db.prepare(`SELECT 1 FROM ${table} WHERE id = ? AND org_id = ?`).get(id, orgId)) {
    throw new ApiError('not_found', `${field} names nothing in this organization.`, field);
  }
}

/**
 * Stores one agent run for the usage statistics. The server records runs from what it sees
 * (the conversation documents, `sync/run-recorder.ts`); this is deliberately not reachable over
 * REST, because statistics that clients report about themselves could be made up. Everything it
 * names must belong to `orgId`, so one organization's runs never count in another's statistics.
 *
 * A run that names its message is recorded once: recording it again keeps when it started and how
 * long it took, and takes the newer outcome, tool calls and rating (ratings come in later).
 */
export function recordAgentRun(services: Services, orgId: string, input: AgentRunInput): string {
  const parsed = parseInput(AgentRunRecord, input);
  if (!parsed.ok) throw badRequest(`${parsed.error.field} ${parsed.error.message}`, parsed.error.field);
  const run = parsed.value;
  if (run.messageId !== null) {
    const existing = services.db
      .prepare('SELECT id FROM agent_runs WHERE org_id = ? AND conversation_id = ? AND message_id = ?')
      .get(orgId, run.conversationId, run.messageId) as { id: string } | undefined;
    if (existing) {
      services.write(() => {
        services.db
          .prepare('UPDATE agent_runs SET outcome = ?, tool_calls = ?, rating = ? WHERE id = ?')
          .run(run.outcome, JSON.stringify(run.toolCalls), run.rating, existing.id);
      });
      return existing.id;
    }
  }
  requireInOrg(services, 'agents', run.agentId, orgId, 'agentId');
  requireInOrg(services, 'projects', run.projectId, orgId, 'projectId');
  if (!services.db.prepare('SELECT 1 FROM org_members WHERE org_id = ? AND user_id = ?').get(orgId, run.runBy)) {
    throw new ApiError('not_found', 'runBy names nobody in this organization.', 'runBy');
  }
  const id = newEntityId('run');
  services.write(() => {
    services.db
      .prepare(
        `INSERT INTO agent_runs (id, org_id, agent_id, project_id, conversation_id, model_id, run_by, started_at, duration_ms, outcome, tool_calls, rating, message_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        orgId,
        run.agentId,
        run.projectId,
        run.conversationId,
        run.modelId,
        run.runBy,
        run.startedAt,
        run.durationMs,
        run.outcome,
        JSON.stringify(run.toolCalls),
        run.rating,
        run.messageId,
      );
  });
  return id;
}
