import type { ModelEntry } from '../../shared/domain/model-entry';
import { usesConnection } from '../../shared/domain/model-entry';
import type { ModelVersion } from '../../shared/domain/model-version';
import type { VisibilityLevel } from '../../shared/domain/visibility';
import type { RegistryEntryRef } from '../../shared/policy/visibility';
import { visibilityOf, visibilityScopeId } from '../directory/agent-rows';
import { storedReference } from '../../shared/domain/private-reference';
import type { SqliteDatabase } from '../store/database';
import { readParameters } from './stored-parameters';

export interface ModelRow {
  id: string;
  org_id: string;
  owner_id: string;
  name: string;
  description: string;
  provider: string;
  badges: string;
  parameters: string;
  visibility_level: VisibilityLevel;
  visibility_scope_id: string | null;
  current_version_id: string | null;
  /** Mirrors `provider.connectionId`, so the entries using a connection are found by an index. */
  connection_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface ModelVersionRow {
  id: string;
  model_id: string;
  version: string;
  checksum: string;
  training_metadata: string;
  parent_model_id: string | null;
  parent_version_id: string | null;
  benchmarks: string;
  created_at: string;
}

export const toModelEntry = (row: ModelRow): ModelEntry => ({
  id: row.id,
  orgId: row.org_id,
  ownerId: row.owner_id,
  name: row.name,
  description: row.description,
  provider: JSON.parse(row.provider) as ModelEntry['provider'],
  badges: JSON.parse(row.badges) as ModelEntry['badges'],
  parameters: readParameters(row.parameters),
  visibility: visibilityOf(row.visibility_level, row.visibility_scope_id),
  currentVersionId: row.current_version_id,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export const toModelVersion = (row: ModelVersionRow): ModelVersion => ({
  id: row.id,
  modelId: row.model_id,
  version: row.version,
  checksum: row.checksum,
  trainingMetadata: JSON.parse(row.training_metadata) as ModelVersion['trainingMetadata'],
  parent:
    row.parent_model_id !== null && row.parent_version_id !== null
      ? { modelId: row.parent_model_id, versionId: row.parent_version_id }
      : null,
  benchmarks: JSON.parse(row.benchmarks) as ModelVersion['benchmarks'],
  createdAt: row.created_at,
});

/** What the policy needs to decide about a model entry. Models are never retired. */
export function modelRef(row: ModelRow): RegistryEntryRef {
  return {
    kind: 'model',
    orgId: row.org_id,
    ownerId: row.owner_id,
    visibility: visibilityOf(row.visibility_level, row.visibility_scope_id),
    retired: false,
    isDefaultAgent: false,
  };
}

/** A model of the organization, or nothing: an id of another organization reads as missing. */
export function getModelRow(db: SqliteDatabase, orgId: string, id: string): ModelRow | undefined {
  return db.prepare('SELECT * FROM models WHERE id = ? AND org_id = ?').get(id, orgId) as ModelRow | undefined;
}

export function getModelVersionRow(db: SqliteDatabase, modelId: string, versionId: string): ModelVersionRow | undefined {
  return db.prepare('SELECT * FROM model_versions WHERE id = ? AND model_id = ?').get(versionId, modelId) as
    | ModelVersionRow
    | undefined;
}

/** Oldest first; rowid breaks ties between versions added in the same millisecond. */
export function listModelVersionRows(db: SqliteDatabase, modelId: string): ModelVersionRow[] {
  return db.prepare('SELECT * FROM model_versions WHERE model_id = ? ORDER BY created_at, rowid').all(modelId) as ModelVersionRow[];
}

/** An entry as its row: what `toModelEntry` reads back. */
export function toModelRow(model: ModelEntry): ModelRow {
  return {
    id: model.id,
    org_id: model.orgId,
    owner_id: model.ownerId,
    name: model.name,
    description: model.description,
    provider: JSON.stringify(model.provider),
    badges: JSON.stringify(model.badges),
    parameters: JSON.stringify(model.parameters),
    visibility_level: model.visibility.level,
    visibility_scope_id: visibilityScopeId(model.visibility),
    current_version_id: model.currentVersionId,
    connection_id: usesConnection(model.provider) ? model.provider.connectionId : null,
    created_at: model.createdAt,
    updated_at: model.updatedAt,
  };
}

export function insertModel(db: SqliteDatabase, model: ModelEntry): void {
  db.prepare(
    `INSERT INTO models (id, org_id, owner_id, name, description, provider, badges, parameters, visibility_level, visibility_scope_id,
       current_version_id, connection_id, created_at, updated_at)
     VALUES (@id, @org_id, @owner_id, @name, @description, @provider, @badges, @parameters, @visibility_level, @visibility_scope_id,
       @current_version_id, @connection_id, @created_at, @updated_at)`,
  ).run(toModelRow(model));
}

/** Writes every mutable column of an entry; id, organization, owner and creation stay. */
export function updateModel(db: SqliteDatabase, model: ModelEntry): void {
  db.prepare(
    `UPDATE models SET name = @name, description = @description, provider = @provider, connection_id = @connection_id, badges = @badges, parameters = @parameters,
       visibility_level = @visibility_level, visibility_scope_id = @visibility_scope_id, current_version_id = @current_version_id,
       updated_at = @updated_at
     WHERE id = @id AND org_id = @org_id`,
  ).run(toModelRow(model));
}

export function insertModelVersion(db: SqliteDatabase, version: ModelVersion): void {
  const parent = storedReference(version.parent);
  db.prepare(
    `INSERT INTO model_versions (id, model_id, version, checksum, training_metadata, parent_model_id, parent_version_id, benchmarks, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    version.id,
    version.modelId,
    version.version,
    version.checksum,
    JSON.stringify(version.trainingMetadata),
    parent?.modelId ?? null,
    parent?.versionId ?? null,
    JSON.stringify(version.benchmarks),
    version.createdAt,
  );
}
