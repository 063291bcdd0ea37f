import { z } from 'zod';
import { ModelEntryId, ModelVersionId } from '../domain/ids';
import { ModelBadge, ModelEntry, ModelEntryCreate, ModelEntryUpdate, ModelRollback } from '../domain/model-entry';
import { ModelVersion, ModelVersionCreate } from '../domain/model-version';
import { ModelVersionComparison } from '../domain/model-version-comparison';
import { DisplayName } from '../domain/text-fields';
import { Visibility, VisibilityLevel } from '../domain/visibility';
import type { Endpoint } from './endpoint';
import { listOf, NoContent } from './list-response';
import { IdParams } from './path-params';

/** GET /model-registry: narrows what the caller can see; it never widens it. */
export const ModelListQuery = z.strictObject({
  visibility: VisibilityLevel.optional(),
  badge: ModelBadge.optional(),
});
export type ModelListQuery = z.infer<typeof ModelListQuery>;

export const ModelVersionCompareQuery = z.strictObject({
  a: ModelVersionId,
  b: ModelVersionId,
});
export type ModelVersionCompareQuery = z.infer<typeof ModelVersionCompareQuery>;

export const ModelLineageQuery = z.strictObject({
  /** Where the chain starts; the current version when left out. */
  versionId: ModelVersionId.optional(),
});
export type ModelLineageQuery = z.infer<typeof ModelLineageQuery>;

export const ModelLineageStep = z.strictObject({
  modelId: ModelEntryId,
  modelName: DisplayName,
  version: ModelVersion,
});
export type ModelLineageStep = z.infer<typeof ModelLineageStep>;

/**
 * The version and its ancestors, child first. `complete` is false when the chain goes on into a
 * version the caller cannot see or that no longer exists: the two are not told apart.
 */
export const ModelLineage = z.strictObject({
  items: z.array(ModelLineageStep),
  complete: z.boolean(),
});
export type ModelLineage = z.infer<typeof ModelLineage>;

export const modelRegistryEndpoints = {
  'model.list': {
    method: 'GET',
    path: '/model-registry',
    summary: 'Model entries the caller can see, optionally by visibility level and badge',
    query: ModelListQuery,
    response: listOf(ModelEntry),
  },
  'model.create': {
    method: 'POST',
    path: '/model-registry',
    access: [
      { on: 'org', action: 'registry.model.register' },
      { on: 'publish', kind: 'model', visibility: 'body.visibility' },
    ],
    summary: 'Register a model; private unless a scope the caller may publish into is given',
    body: ModelEntryCreate,
    status: 201,
    response: ModelEntry,
  },
  'model.get': {
    method: 'GET',
    path: '/model-registry/:id',
    summary: 'One model entry',
    params: IdParams,
    response: ModelEntry,
  },
  'model.update': {
    method: 'PUT',
    path: '/model-registry/:id',
    access: [{ on: 'entry', kind: 'model', action: 'registry.entry.update', id: 'params.id' }],
    summary: 'Replace the name, description, provider and badges of a model entry',
    params: IdParams,
    body: ModelEntryUpdate,
    response: ModelEntry,
  },
  'model.delete': {
    method: 'DELETE',
    path: '/model-registry/:id',
    access: [{ on: 'entry', kind: 'model', action: 'registry.entry.delete', id: 'params.id' }],
    summary: 'Delete a model entry and its versions',
    params: IdParams,
    status: 204,
    response: NoContent,
  },
  'model.visibility.update': {
    method: 'PUT',
    path: '/model-registry/:id/visibility',
    access: [{ on: 'entry', kind: 'model', action: 'registry.entry.change-visibility', id: 'params.id', target: 'body' }],
    summary: 'Change who can see a model entry: level and scope',
    params: IdParams,
    body: Visibility,
    response: ModelEntry,
  },
  'model.version.list': {
    method: 'GET',
    path: '/model-registry/:id/versions',
    summary: 'Versions of a model, oldest first',
    params: IdParams,
    response: listOf(ModelVersion),
  },
  'model.version.create': {
    method: 'POST',
    path: '/model-registry/:id/versions',
    access: [{ on: 'entry', kind: 'model', action: 'registry.entry.version.add', id: 'params.id' }],
    summary: 'Add a version with its checksum, training metadata, parent and benchmarks; the first becomes current',
    params: IdParams,
    body: ModelVersionCreate,
    status: 201,
    response: ModelVersion,
  },
  'model.version.set-current': {
    method: 'PUT',
    path: '/model-registry/:id/current-version',
    access: [{ on: 'entry', kind: 'model', action: 'registry.entry.version.set-current', id: 'params.id' }],
    summary: 'Point the model at one of its versions (rollback or roll forward)',
    params: IdParams,
    body: ModelRollback,
    response: ModelEntry,
  },
  'model.version.compare': {
    method: 'GET',
    path: '/model-registry/:id/versions/compare',
    summary: 'Compare two versions of a model: benchmarks, training metadata, artifact, lineage',
    params: IdParams,
    query: ModelVersionCompareQuery,
    response: ModelVersionComparison,
  },
  'model.lineage': {
    method: 'GET',
    path: '/model-registry/:id/lineage',
    summary: 'The chain of parent versions, stopping at anything the caller cannot see',
    params: IdParams,
    query: ModelLineageQuery,
    response: ModelLineage,
  },
} as const satisfies Record<string, Endpoint>;
