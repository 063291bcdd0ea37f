import type { AgentRanking, AgentRankingEntry, AgentRankingQuery } from '../../shared/domain/agent-stats';
import type { ViewerContext } from '../../shared/policy/visibility';
import { canSeeEntry, viewerProjectRole } from '../../shared/policy/visibility';
import type { AgentRow } from '../directory/agent-rows';
import type { SqliteDatabase } from '../store/database';
import { agentRef } from './agent-store';
import { registryListQuery } from './registry-listing';

interface RunTotalsRow {
  agent_id: string;
  project_id: string;
  invocations: number;
  errors: number;
  rating_count: number;
  rating_sum: number | null;
}

type Unranked = Omit<AgentRankingEntry, 'rank'>;

/** Higher first for invocations and rating, lower first for errors; ties by invocations, then name. */
function compare(sortBy: AgentRankingQuery['sortBy']) {
  return (a: Unranked, b: Unranked): number => {
    const primary =
      sortBy === 'invocations'
        ? b.invocations - a.invocations
        : sortBy === 'averageRating'
          ? (b.averageRating ?? 0) - (a.averageRating ?? 0)
          : a.errorRate - b.errorRate;
    return primary || b.invocations - a.invocations || a.name.localeCompare(b.name) || (a.agentId < b.agentId ? -1 : 1);
  };
}

/**
 * The agents the viewer can see, ranked by their runs in `[since, until)`. Only runs in projects
 * the viewer can see count, as in an agent's own stats. Ranking by rating or errors leaves out
 * agents with nothing to judge them by (no ratings; no runs), which would otherwise head the list.
 */
export function agentRanking(db: SqliteDatabase, viewer: ViewerContext, query: AgentRankingQuery): AgentRanking {
  const since = query.since === undefined ? null : new Date(query.since).toISOString();
  const until = query.until === undefined ? null : new Date(query.until).toISOString();
  const listing = registryListQuery(viewer, 'a', viewer.orgId);
  const agents = (db.prepare(`SELECT a.* FROM agents a WHERE ${listing.sql()}`).all(listing.params) as AgentRow[]).filter((row) =>
    canSeeEntry(viewer, agentRef(row)),
  );
  const runs = db
    .prepare(
      `SELECT r.agent_id, r.project_id, COUNT(*) AS invocations, SUM(r.outcome = 'error') AS errors,
         COUNT(r.rating) AS rating_count, SUM(r.rating) AS rating_sum
       FROM agent_runs r JOIN projects p ON p.id = r.project_id AND p.org_id = r.org_id
       WHERE r.org_id = @orgId AND (@since IS NULL OR r.started_at >= @since) AND (@until IS NULL OR r.started_at < @until)
       GROUP BY r.agent_id, r.project_id`,
    )
    .all({ orgId: viewer.orgId, since, until }) as RunTotalsRow[];
  const totals = new Map<string, { invocations: number; errors: number; ratingCount: number; ratingSum: number }>();
  for (const row of runs) {
    if (viewerProjectRole(viewer, row.project_id) === undefined) continue;
    const total = totals.get(row.agent_id) ?? { invocations: 0, errors: 0, ratingCount: 0, ratingSum: 0 };
    total.invocations += row.invocations;
    total.errors += row.errors;
    total.ratingCount += row.rating_count;
    total.ratingSum += row.rating_sum ?? 0;
    totals.set(row.agent_id, total);
  }
  const unranked: Unranked[] = agents.map((agent) => {
    const total = totals.get(agent.id) ?? { invocations: 0, errors: 0, ratingCount: 0, ratingSum: 0 };
    return {
      agentId: agent.id,
      name: agent.name,
      invocations: total.invocations,
      ratingCount: total.ratingCount,
      averageRating: total.ratingCount === 0 ? null : total.ratingSum / total.ratingCount,
      errorRate: total.invocations === 0 ? 0 : total.errors / total.invocations,
    };
  });
  const judged = unranked.filter((entry) =>
    query.sortBy === 'averageRating' ? entry.ratingCount > 0 : query.sortBy === 'errorRate' ? entry.invocations > 0 : true,
  );
  const items = judged
    .sort(compare(query.sortBy))
    .slice(0, query.limit)
    .map((entry, index) => ({ rank: index + 1, ...entry }));
  return { since, until, sortBy: query.sortBy, items };
}
