import { z } from 'zod';
import { AgentEntryId, ProjectId } from './ids';
import { queryLimit } from '../rest/query-numbers';
import { Timestamp } from './timestamp';
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

/** What `GET /agent-registry/stats` ranks by: most invocations, best average rating, or fewest errors. */
export const AgentRankingOrder = z.enum(['invocations', 'averageRating', 'errorRate']);
export type AgentRankingOrder = z.infer<typeof AgentRankingOrder>;

/** The period and order of a ranking; the period is half-open, `[since, until)`. */
export const AgentRankingQuery = z
  .strictObject({
    since: Timestamp.optional(),
    until: Timestamp.optional(),
    sortBy: AgentRankingOrder.default('invocations'),
    limit: queryLimit(100, 20),
  })
  .superRefine((query, ctx) => {
    if (query.since !== undefined && query.until !== undefined && Date.parse(query.since) >= Date.parse(query.until)) {
      ctx.addIssue({ code: 'custom', path: ['until'], message: 'must be later than since' });
    }
  });
export type AgentRankingQuery = z.infer<typeof AgentRankingQuery>;

/** One agent's place in a ranking: its usage over the period in the projects the caller can see. */
export const AgentRankingEntry = z
  .strictObject({
    rank: z.int().min(1),
    agentId: AgentEntryId,
    name: z.string(),
    invocations: count,
    ratingCount: count,
    averageRating: usageFields.averageRating,
    errorRate: usageFields.errorRate,
  })
  .superRefine(ratingMatchesCount);
export type AgentRankingEntry = z.infer<typeof AgentRankingEntry>;

export const AgentRanking = z.strictObject({
  since: Timestamp.nullable(),
  until: Timestamp.nullable(),
  sortBy: AgentRankingOrder,
  items: z.array(AgentRankingEntry),
});
export type AgentRanking = z.infer<typeof AgentRanking>;
