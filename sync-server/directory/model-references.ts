import type { VisibilityLevel } from '../../shared/domain/visibility';
import type { ViewerContext } from '../../shared/policy/visibility';
import { canSeeEntry } from '../../shared/policy/visibility';
import { ApiError } from '../http/api-error';
import type { SqliteDatabase } from '../store/database';
import { visibilityOf } from './agent-rows';

interface ModelRefRow {
  id: string;
  org_id: string;
  owner_id: string;
  visibility_level: VisibilityLevel;
  visibility_scope_id: string | null;
}

/** Whether the viewer can see the model: it exists, in their organization, and its visibility lets them. */
export function isModelVisible(db: SqliteDatabase, viewer: ViewerContext, id: string): boolean {
  const row = db.prepare('SELECT id, org_id, owner_id, visibility_level, visibility_scope_id FROM models WHERE id = ?').get(id) as
    | ModelRefRow
    | undefined;
  return (
    row !== undefined &&
    canSeeEntry(viewer, {
      kind: 'model',
      orgId: row.org_id,
      ownerId: row.owner_id,
      visibility: visibilityOf(row.visibility_level, row.visibility_scope_id),
      retired: false,
      isDefaultAgent: false,
    })
  );
}

/**
 * Refuses a reference to a model the caller cannot see (another organization's, someone else's
 * private one, or none at all) with the same 404 a missing model answers, naming the field it was
 * found in, so that a settings form cannot be used to probe for models.
 */
export function requireVisibleModel(db: SqliteDatabase, viewer: ViewerContext, id: string, field: string): void {
  if (!isModelVisible(db, viewer, id)) throw new ApiError('not_found', `Model not found: ${field} names no model you can see.`, field);
}
