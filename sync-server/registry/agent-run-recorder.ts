import { z } from 'zod';
import { AgentEntryId, ConversationId, ModelEntryId, ProjectId, UserId } from '../../shared/domain/ids';
import { Rating } from '../../shared/domain/message';
import { parseInput } from '../../shared/domain/schema-error';
import { Timestamp } from '../../shared/domain/timestamp';
import { ToolName } from '../../shared/domain/tool-name';
import { ApiError, badRequest } from '../http/api-error';
import type { Services } from '../http/services';
import { newId } from '../store/ids';

export const agentRunOutcomes = ['ok', 'error', 'cancelled'] as const;

/** One finished agent run, as the server learns of it. */
export const AgentRunRecord = z.strictObject({
  agentId: AgentEntryId,
  projectId: ProjectId,
  conversationId: ConversationId.nullable().default(null),
  modelId: ModelEntryId.nullable().default(null),
  /** Whose app ran the agent. */
  runBy: UserId,
  startedAt: Timestamp,
  durationMs: z.int().min(0).max(7 * 24 * 3600 * 1000),
  outcome: z.enum(agentRunOutcomes),
  /** Calls per tool during the run. */
  toolCalls: z.record(ToolName, z.int().min(0)).default(() => ({})),
  rating: Rating.nullable().default(null),
});
export type AgentRunInput = z.input<typeof AgentRunRecord>;

function requireInOrg(services: Services, table: 'agents' | 'projects', id: string, orgId: string, field: string): void {
  if (!services.db.prepare(`SELECT 1 FROM ${table} WHERE id = ? AND org_id = ?`).get(id, orgId)) {
    throw new ApiError('not_found', `${field} names nothing in this organization.`, field);
  }
}

/**
 * Stores one agent run for the usage statistics. The server records runs from what it sees
 * (the conversation documents); this is deliberately not reachable over REST, because statistics
 * that clients report about themselves could be made up. Everything it names must belong to
 * `orgId`, so one organization's runs never count in another's statistics.
 */
export function recordAgentRun(services: Services, orgId: string, input: AgentRunInput): string {
  const parsed = parseInput(AgentRunRecord, input);
  if (!parsed.ok) throw badRequest(`${parsed.error.field} ${parsed.error.message}`, parsed.error.field);
  const run = parsed.value;
  requireInOrg(services, 'agents', run.agentId, orgId, 'agentId');
  requireInOrg(services, 'projects', run.projectId, orgId, 'projectId');
  if (!services.db.prepare('SELECT 1 FROM org_members WHERE org_id = ? AND user_id = ?').get(orgId, run.runBy)) {
    throw new ApiError('not_found', 'runBy names nobody in this organization.', 'runBy');
  }
  const id = newId('run');
  services.write(() => {
    services.db
      .prepare(
        `INSERT INTO agent_runs (id, org_id, agent_id, project_id, conversation_id, model_id, run_by, started_at, duration_ms, outcome, tool_calls, rating)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
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
      );
  });
  return id;
}
