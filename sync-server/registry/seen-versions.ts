import type { ModelVersion } from '../../shared/domain/model-version';
import { privateReference } from '../../shared/domain/private-reference';
import type { ViewerContext } from '../../shared/policy/visibility';
import { canSeeEntry } from '../../shared/policy/visibility';
import type { SqliteDatabase } from '../store/database';
import type { ModelRow } from './model-rows';
import { modelRef } from './model-rows';

/**
 * Versions as `viewer` may see them: a parent in a model they cannot see (a private one, or one
 * gone) is a private reference, so a public model does not name the private model it came from.
 */
export function versionsAsSeen(db: SqliteDatabase, viewer: ViewerContext, versions: readonly ModelVersion[]): ModelVersion[] {
  const ids = [...new Set(versions.flatMap((version) => (version.parent !== null && 'modelId' in version.parent ? [version.parent.modelId] : [])))];
  const visible = new Set<string>();
  if (ids.length > 0) {
    const rows = db.prepare('SELECT * FROM models WHERE org_id = ? AND id IN (SELECT value FROM json_each(?))').all(viewer.orgId, JSON.stringify(ids)) as ModelRow[];
    for (const row of rows) if (canSeeEntry(viewer, modelRef(row))) visible.add(row.id);
  }
  return versions.map((version) =>
    version.parent !== null && 'modelId' in version.parent && !visible.has(version.parent.modelId) ? { ...version, parent: privateReference } : version,
  );
}
