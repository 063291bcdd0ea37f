import type { AgentRegistryItem } from '../../shared/rest/agent-registry-endpoints';
import type { ViewerContext } from '../../shared/policy/visibility';
import { canSeeEntry } from '../../shared/policy/visibility';
import type { AgentRow } from '../directory/agent-rows';
import { toAgentEntry } from '../directory/agent-rows';
import type { SqliteDatabase } from '../store/database';
import { agentRef } from './agent-store';

/**
 * The registry's view of agents: each fork says whether its original has moved past the version it
 * was forked from. Originals are read in one query; one the viewer cannot see (or that is gone)
 * tells nothing, not even its version.
 */
export function withForkStatus(db: SqliteDatabase, viewer: ViewerContext, rows: readonly AgentRow[]): AgentRegistryItem[] {
  const originalIds = [...new Set(rows.flatMap((row) => (row.forked_from_agent_id === null ? [] : [row.forked_from_agent_id])))];
  const originals = new Map<string, AgentRow>();
  if (originalIds.length > 0) {
    const found = db
      .prepare('SELECT * FROM agents WHERE org_id = ? AND id IN (SELECT value FROM json_each(?))')
      .all(viewer.orgId, JSON.stringify(originalIds)) as AgentRow[];
    for (const original of found) {
      if (canSeeEntry(viewer, agentRef(original))) originals.set(original.id, original);
    }
  }
  return rows.map((row) => {
    const entry = toAgentEntry(row);
    const original = entry.forkedFrom === null ? undefined : originals.get(entry.forkedFrom.agentId);
    const originalVersion = original?.version ?? null;
    const updateAvailable = entry.forkedFrom !== null && originalVersion !== null && originalVersion > entry.forkedFrom.version;
    return { ...entry, originalVersion, updateAvailable };
  });
}
