import type { AgentProjectStats, AgentStats } from '../../shared/domain/agent-stats';
import type { ViewerContext } from '../../shared/policy/visibility';
import { viewerProjectRole } from '../../shared/policy/visibility';
import type { SqliteDatabase } from '../store/database';

interface ProjectTotalsRow {
  project_id: string;
  invocations: number;
  errors: number;
  rating_count: number;
  rating_sum: number | null;
}

interface ToolTotalsRow {
  project_id: string;
  tool: string;
  calls: number;
}

interface Usage {
  invocations: number;
  errors: number;
  ratingCount: number;
  ratingSum: number;
  toolCalls: Map<string, number>;
}

function emptyUsage(): Usage {
  return { invocations: 0, errors: 0, ratingCount: 0, ratingSum: 0, toolCalls: new Map() };
}

function addTools(into: Map<string, number>, from: ReadonlyMap<string, number>): void {
  for (const [tool, calls] of from) into.set(tool, (into.get(tool) ?? 0) + calls);
}

function describe(usage: Usage) {
  // Sorted, so answers compare equal across runs; fromEntries keeps a tool named `__proto__` an own key.
  const tools = [...usage.toolCalls].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    invocations: usage.invocations,
    ratingCount: usage.ratingCount,
    averageRating: usage.ratingCount === 0 ? null : usage.ratingSum / usage.ratingCount,
    toolCalls: Object.fromEntries(tools),
    errorRate: usage.invocations === 0 ? 0 : usage.errors / usage.invocations,
  };
}

/**
 * An agent's usage from its recorded runs, per project and in total. Only projects the viewer can
 * see count, in the breakdown and in the totals alike: usage elsewhere would tell them what
 * happens in projects they are not part of. Runs of deleted projects no longer count.
 */
export function agentStats(db: SqliteDatabase, viewer: ViewerContext, agentId: string): AgentStats {
  // Joined with projects so that runs of a deleted project, or of a project id that is not the
  // organization's, never count.
  const perProjectRows = db
    .prepare(
      `SELECT r.project_id, COUNT(*) AS invocations, SUM(r.outcome = 'error') AS errors,
         COUNT(r.rating) AS rating_count, SUM(r.rating) AS rating_sum
       FROM agent_runs r JOIN projects p ON p.id = r.project_id AND p.org_id = r.org_id
       WHERE r.agent_id = ? AND r.org_id = ?
       GROUP BY r.project_id`,
    )
    .all(agentId, viewer.orgId) as ProjectTotalsRow[];
  const toolRows = db
    .prepare(
      `SELECT r.project_id, t.key AS tool, SUM(t.value) AS calls
       FROM agent_runs r JOIN projects p ON p.id = r.project_id AND p.org_id = r.org_id, json_each(r.tool_calls) t
       WHERE r.agent_id = ? AND r.org_id = ?
       GROUP BY r.project_id, t.key`,
    )
    .all(agentId, viewer.orgId) as ToolTotalsRow[];

  const usageByProject = new Map<string, Usage>();
  for (const row of perProjectRows) {
    if (viewerProjectRole(viewer, row.project_id) === undefined) continue;
    usageByProject.set(row.project_id, {
      invocations: row.invocations,
      errors: row.errors,
      ratingCount: row.rating_count,
      ratingSum: row.rating_sum ?? 0,
      toolCalls: new Map(),
    });
  }
  for (const row of toolRows) usageByProject.get(row.project_id)?.toolCalls.set(row.tool, row.calls);

  const total = emptyUsage();
  for (const usage of usageByProject.values()) {
    total.invocations += usage.invocations;
    total.errors += usage.errors;
    total.ratingCount += usage.ratingCount;
    total.ratingSum += usage.ratingSum;
    addTools(total.toolCalls, usage.toolCalls);
  }
  const perProject: AgentProjectStats[] = [...usageByProject]
    .map(([projectId, usage]) => ({ projectId, ...describe(usage) }))
    .sort((a, b) => b.invocations - a.invocations || (a.projectId < b.projectId ? -1 : 1));
  return { agentId, ...describe(total), perProject };
}
