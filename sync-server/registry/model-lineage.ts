import type { ModelLineage, ModelLineageStep } from '../../shared/rest/model-registry-endpoints';
import type { ViewerContext } from '../../shared/policy/visibility';
import { canSeeEntry } from '../../shared/policy/visibility';
import type { SqliteDatabase } from '../store/database';
import type { ModelRow, ModelVersionRow } from './model-rows';
import { getModelRow, getModelVersionRow, modelRef, toModelVersion } from './model-rows';
import { versionsAsSeen } from './seen-versions';

// Parents are checked to exist when a version is added, so a chain cannot loop; the bound only
// keeps a damaged database from turning one request into an endless walk.
const maxDepth = 1000;

/**
 * Walks from `start` up through its parents, child first. The walk stops, incomplete, at a parent
 * whose model the viewer cannot see or that is gone: nothing about an invisible model is returned.
 */
export function modelLineage(db: SqliteDatabase, viewer: ViewerContext, model: ModelRow, start: ModelVersionRow): ModelLineage {
  const { items, complete } = walk(db, viewer, model, start);
  // The last step still names the parent the walk stopped at: that one the viewer may not see.
  const versions = versionsAsSeen(db, viewer, items.map((item) => item.version));
  return { items: items.map((item, index) => ({ ...item, version: versions[index] ?? item.version })), complete };
}

function walk(db: SqliteDatabase, viewer: ViewerContext, model: ModelRow, start: ModelVersionRow): ModelLineage {
  const items: ModelLineageStep[] = [{ modelId: model.id, modelName: model.name, version: toModelVersion(start) }];
  const visited = new Set([start.id]);
  let current = start;
  while (current.parent_model_id !== null && current.parent_version_id !== null) {
    const parentModel = getModelRow(db, viewer.orgId, current.parent_model_id);
    if (parentModel === undefined || !canSeeEntry(viewer, modelRef(parentModel))) return { items, complete: false };
    const parent = getModelVersionRow(db, parentModel.id, current.parent_version_id);
    if (parent === undefined || visited.has(parent.id) || items.length >= maxDepth) return { items, complete: false };
    visited.add(parent.id);
    items.push({ modelId: parentModel.id, modelName: parentModel.name, version: toModelVersion(parent) });
    current = parent;
  }
  return { items, complete: true };
}
