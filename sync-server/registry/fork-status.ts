import type { AgentEntry } from '../../shared/domain/agent-entry';
import { privateReference } from '../../shared/domain/private-reference';
import type { AgentRegistryItem } from '../../shared/rest/agent-registry-endpoints';
import type { ViewerContext } from '../../shared/policy/visibility';
import { canSeeEntry } from '../../shared/policy/visibility';
import type { AgentRow } from '../directory/agent-rows';
import { toAgentEntry } from '../directory/agent-rows';
import type { SqliteDatabase } from '../store/database';
import { agentRef } from './agent-store';

/** The originals of these entries' forks that the viewer can see, read in one query. */
function visibleOriginals(db: SqliteDatabase, viewer: ViewerContext, entries: readonly AgentEntry[]): Map<string, AgentRow> {
  const ids = [...new Set(entries.flatMap((entry) => (entry.forkedFrom !== null && 'agentId' in entry.forkedFrom ? [entry.forkedFrom.agentId] : [])))];
  const originals = new Map<string, AgentRow>();
  if (ids.length === 0) return originals;
  const found = db.prepare('SELECT * FROM agents WHERE org_id = ? AND id IN (SELECT value FROM json_each(?))').all(viewer.orgId, JSON.stringify(ids)) as AgentRow[];
  for (const original of found) {
    if (canSeeEntry(viewer, agentRef(original))) originals.set(original.id, original);
  }
  return originals;
}

function seenWith(entry: AgentEntry, originals: ReadonlyMap<string, AgentRow>): { entry: AgentEntry; original: AgentRow | undefined } {
  const from = entry.forkedFrom;
  if (from === null || !('agentId' in from)) return { entry, original: undefined };
  const original = originals.get(from.agentId);
  // An original the viewer cannot see (private now, or gone) is not named, not even its version.
  return original === undefined ? { entry: { ...entry, forkedFrom: privateReference }, original } : { entry, original };
}

/** An agent as `viewer` may see it: the original of a fork they cannot see is a private reference. */
export function agentAsSeen(db: SqliteDatabase, viewer: ViewerContext, entry: AgentEntry): AgentEntry {
  return seenWith(entry, visibleOriginals(db, viewer, [entry])).entry;
}

/**
 * The registry's view of agents: each fork says whether its original has moved past the version it
 * was forked from, when the viewer can see that original.
 */
export function withForkStatus(db: SqliteDatabase, viewer: ViewerContext, rows: readonly AgentRow[]): AgentRegistryItem[] {
  const entries = rows.map(toAgentEntry);
  const originals = visibleOriginals(db, viewer, entries);
  return entries.map((raw) => {
    const { entry, original } = seenWith(raw, originals);
    const from = entry.forkedFrom;
    const originalVersion = original?.version ?? null;
    const updateAvailable = from !== null && 'version' in from && originalVersion !== null && originalVersion > from.version;
    return { ...entry, originalVersion, updateAvailable };
  });
}
