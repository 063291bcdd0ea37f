import type { AgentEntry } from '../../shared/domain/agent-entry';
import type { VisibilityLevel } from '../../shared/domain/visibility';
import type { WorkgroupSettings } from '../../shared/domain/workgroup';
import type { ViewerContext } from '../../shared/policy/visibility';
import { canSeeEntry } from '../../shared/policy/visibility';
import { ApiError } from '../http/api-error';
import { requireReadableBindings } from '../knowledge/knowledge-bindings';
import type { SqliteDatabase } from '../store/database';
import { visibilityOf } from './agent-rows';
import { requireVisibleModel } from './model-references';

interface AgentRefRow {
  org_id: string;
  owner_id: string;
  visibility_level: VisibilityLevel;
  visibility_scope_id: string | null;
  status: AgentEntry['status'];
  is_default: number;
}

function requireVisibleAgent(db: SqliteDatabase, viewer: ViewerContext, id: string, field: string): void {
  const row = db
    .prepare('SELECT org_id, owner_id, visibility_level, visibility_scope_id, status, is_default FROM agents WHERE id = ?')
    .get(id) as AgentRefRow | undefined;
  const visible =
    row !== undefined &&
    canSeeEntry(viewer, {
      kind: 'agent',
      orgId: row.org_id,
      ownerId: row.owner_id,
      visibility: visibilityOf(row.visibility_level, row.visibility_scope_id),
      retired: row.status === 'retired',
      isDefaultAgent: row.is_default === 1,
    });
  if (!visible) throw new ApiError('not_found', `Agent not found: ${field} names no agent you can see.`, field);
}

/**
 * Every model and agent the settings newly name must be one the caller can see, and every knowledge
 * base one they can read, so that a settings form cannot probe for other people's private entries
 * or another organization's. Entries the workgroup already named stay accepted: an editor who cannot
 * see one of them must still be able to save the rest of the settings unchanged.
 */
export function requireVisibleReferences(
  db: SqliteDatabase,
  viewer: ViewerContext,
  settings: WorkgroupSettings,
  previous: WorkgroupSettings | null,
): void {
  const knownModels = new Set(previous?.modelPool ?? []);
  (settings.modelPool ?? []).forEach((id, index) => {
    if (!knownModels.has(id)) requireVisibleModel(db, viewer, id, `settings.modelPool.${index}`);
  });
  const knownAgents = new Set(previous?.agentIds ?? []);
  settings.agentIds.forEach((id, index) => {
    if (!knownAgents.has(id)) requireVisibleAgent(db, viewer, id, `settings.agentIds.${index}`);
  });
  requireReadableBindings(db, viewer, settings.knowledgeBaseIds, previous?.knowledgeBaseIds ?? [], 'settings.knowledgeBaseIds');
}
