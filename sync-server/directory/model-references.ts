import type { ViewerContext } from '../../shared/policy/visibility';
import { canSeeEntry } from '../../shared/policy/visibility';
import { ApiError } from '../http/api-error';
import type { SqliteDatabase } from '../store/database';
import { getModelRow, modelRef, toModelEntry } from '../registry/model-rows';
import type { ModelParameters } from '../../shared/domain/model-parameters';
import { narrowingProblems } from '../../shared/domain/model-parameters';

/** Whether the viewer can see the model: it exists, in their organization, and its visibility lets them. */
export function isModelVisible(db: SqliteDatabase, viewer: ViewerContext, id: string): boolean {
  const row = getModelRow(db, viewer.orgId, id);
  return row !== undefined && canSeeEntry(viewer, modelRef(row));
}

/**
 * Refuses a reference to a model the caller cannot see (another organization's, someone else's
 * private one, or none at all) with the same 404 a missing model answers, naming the field it was
 * found in, so that a settings form cannot be used to probe for models.
 */
export function requireVisibleModel(db: SqliteDatabase, viewer: ViewerContext, id: string, field: string): void {
  if (!isModelVisible(db, viewer, id)) throw new ApiError('not_found', `Model not found: ${field} names no model you can see.`, field);
}

/**
 * Refuses an agent's parameters that would widen its model's (`parameterRules`): an agent may
 * only narrow them. No model, or one not in the organization, has nothing to narrow.
 */
export function requireNarrowedParameters(db: SqliteDatabase, orgId: string, modelId: string | null, parameters: ModelParameters): void {
  if (modelId === null) return;
  const row = getModelRow(db, orgId, modelId);
  if (row === undefined) return;
  const model = toModelEntry(row);
  const [problem] = narrowingProblems(model.parameters, parameters, model.name);
  if (problem !== undefined) throw new ApiError('bad_request', `parameters.${problem.field} ${problem.message}.`, `parameters.${problem.field}`);
}
