import { z } from 'zod';
import { AgentEntryId, ProjectId } from './ids';
import { ToolName } from './tool-name';

const count = z.int().min(0);

// Shared by the agent's totals and its per-project breakdown.
const usageFields = {
  invocations: count,
  ratingCount: count,
  /** Mean of 1-5 ratings; `null` until someone rates, since 0 would read as a bad score. */
  averageRating: z.number().min(1).max(5).nullable(),
  /** How often each tool was called: the agent's tool-call pattern. */
  toolCalls: z.record(ToolName, count),
  /** Share of invocations that ended in an error, from 0 to 1. */
  errorRate: z.number().min(0).max(1),
};

function ratingMatchesCount(
  usage: { ratingCount: number; averageRating: number | null },
  ctx: z.core.$RefinementCtx,
): void {
  if ((usage.ratingCount === 0) !== (usage.averageRating === null)) {
    ctx.addIssue({
      code: 'custom',
      path: ['averageRating'],
      message: 'must be null exactly when ratingCount is 0',
    });
  }
}

export const AgentProjectStats = z
  .strictObject({ projectId: ProjectId, ...usageFields })
  .superRefine(ratingMatchesCount);
export type AgentProjectStats = z.infer<typeof AgentProjectStats>;

/** GET /agent-registry/{id}/stats. */
export const AgentStats = z
  .strictObject({
    agentId: AgentEntryId,
    ...usageFields,
    perProject: z.array(AgentProjectStats),
  })
  .superRefine(ratingMatchesCount);
export type AgentStats = z.infer<typeof AgentStats>;
