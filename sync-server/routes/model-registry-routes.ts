import type { ModelEntry } from '../../shared/domain/model-entry';
import type { ModelVersion } from '../../shared/domain/model-version';
import { compareModelVersions } from '../../shared/domain/model-version-comparison';
import type { modelRegistryEndpoints } from '../../shared/rest/model-registry-endpoints';
import { decideBadgeChange } from '../../shared/policy/model-badges';
import { canSeeEntry } from '../../shared/policy/visibility';
import { enforce } from '../access/enforce';
import { ApiError, badRequest, conflict } from '../http/api-error';
import { loadViewerContext } from '../access/viewer-context';
import { viewerWorkgroupRole } from '../../shared/policy/visibility';
import { usesConnection } from '../../shared/domain/model-entry';
import type { ModelProvider } from '../../shared/domain/model-entry';
import type { Principal } from '../http/principal';
import type { Handlers } from '../http/register-endpoints';
import type { Services } from '../http/services';
import {
  seenEntry,
  registryViewer,
} from '../registry/entry-access';
import type { SeenEntry } from '../registry/entry-access';
import { recordEntryChange } from '../registry/entry-audit';
import { modelLineage } from '../registry/model-lineage';
import type { ModelRow, ModelVersionRow } from '../registry/model-rows';
import {
  getModelRow,
  getModelVersionRow,
  insertModel,
  insertModelVersion,
  listModelVersionRows,
  modelRef,
  toModelEntry,
  toModelVersion,
  updateModel,
} from '../registry/model-rows';
import { registryListQuery } from '../registry/registry-listing';
import { versionsAsSeen } from '../registry/seen-versions';
import { newEntityId } from '../../shared/domain/new-entity-id';

/**
 * A provider that names a server connection must name one the caller can see (the organization's,
 * or one of a workgroup they belong to); any other id is refused as unknown, exactly as a missing one.
 */
async function requireUsableProvider(services: Services, principal: Principal, provider: ModelProvider): Promise<void> {
  if (!usesConnection(provider)) return;
  const found = await services.connections.get(principal.orgId, provider.connectionId);
  const visible = found !== null && (found.workgroupId === null || viewerWorkgroupRole(loadViewerContext(services.db, principal), found.workgroupId) !== undefined);
  if (!visible) throw badRequest('No connection by this id is available to you.', 'provider.connectionId');
}

/** The model `id` as the caller may see it: 404 when it is missing, another organization's or invisible. */
function seenModel(services: Services, principal: Principal, id: string): SeenEntry<ModelRow> {
  return seenEntry(services, principal, id, { noun: 'Model', load: (orgId, entryId) => getModelRow(services.db, orgId, entryId), ref: modelRef });
}

/** One of this model's versions; a version of another model reads as missing. */
function versionOf(services: Services, model: ModelRow, versionId: string, field: string): ModelVersionRow {
  const row = getModelVersionRow(services.db, model.id, versionId);
  if (row === undefined) throw new ApiError('not_found', `Model version not found: ${field} names no version of this model.`, field);
  return row;
}

export const modelRegistryHandlers: Handlers<typeof modelRegistryEndpoints> = {
  'model.list': ({ principal, query }, services) => {
    const viewer = registryViewer(services, principal);
    const listing = registryListQuery(viewer, 'm', principal.orgId);
    listing.equal('visibility_level', query.visibility);
    listing.where('EXISTS (SELECT 1 FROM json_each(m.badges) WHERE value = @badge)', 'badge', query.badge);
    const rows = services.db.prepare(`SELECT m.* FROM models m WHERE ${listing.sql()} ORDER BY m.created_at, m.id`).all(listing.params) as ModelRow[];
    // The SQL narrows the read; the policy still has the last word on every row.
    return { items: rows.filter((row) => canSeeEntry(viewer, modelRef(row))).map(toModelEntry) };
  },

  'model.create': async ({ principal, body }, services) => {
    await requireUsableProvider(services, principal, body.provider);
    enforce(decideBadgeChange(principal, [], body.badges));
    const at = services.now().toISOString();
    const model: ModelEntry = {
      id: newEntityId('mdl'),
      orgId: principal.orgId,
      ownerId: principal.userId,
      name: body.name,
      description: body.description,
      provider: body.provider,
      badges: body.badges,
      parameters: body.parameters,
      visibility: body.visibility,
      currentVersionId: null,
      createdAt: at,
      updatedAt: at,
    };
    services.write(() => {
      insertModel(services.db, model);
      recordEntryChange(services, principal, 'model.create', 'model', model, { visibility: model.visibility.level });
    });
    return model;
  },

  'model.get': ({ principal, params }, services) => toModelEntry(seenModel(services, principal, params.id).row),

  'model.update': async ({ principal, params, body }, services) => {
    const { row } = seenModel(services, principal, params.id);
    await requireUsableProvider(services, principal, body.provider);
    const before = toModelEntry(row);
    enforce(decideBadgeChange(principal, before.badges, body.badges));
    const model: ModelEntry = { ...before, ...body, parameters: body.parameters ?? before.parameters, updatedAt: services.now().toISOString() };
    services.write(() => {
      updateModel(services.db, model);
      recordEntryChange(services, principal, 'model.update', 'model', model);
    });
    return model;
  },

  'model.delete': ({ principal, params }, services) => {
    const { row } = seenModel(services, principal, params.id);
    const model = toModelEntry(row);
    services.write(() => {
      // Versions go with the entry; versions elsewhere that name one as parent keep the ids, and
      // their lineage now ends there as it would at an invisible model.
      services.db.prepare('DELETE FROM models WHERE id = ? AND org_id = ?').run(row.id, row.org_id);
      recordEntryChange(services, principal, 'model.delete', 'model', model, { name: model.name });
    });
    return undefined;
  },

  'model.visibility.update': ({ principal, params, body }, services) => {
    const { row } = seenModel(services, principal, params.id);
    const before = toModelEntry(row);
    const model: ModelEntry = { ...before, visibility: body, updatedAt: services.now().toISOString() };
    services.write(() => {
      updateModel(services.db, model);
      recordEntryChange(services, principal, 'model.visibility.update', 'model', model, {
        from: before.visibility.level,
        to: model.visibility.level,
      });
    });
    return model;
  },

  'model.version.list': ({ principal, params }, services) => {
    const { viewer, row } = seenModel(services, principal, params.id);
    return { items: versionsAsSeen(services.db, viewer, listModelVersionRows(services.db, row.id).map(toModelVersion)) };
  },

  'model.version.create': ({ principal, params, body }, services) => {
    const { viewer, row } = seenModel(services, principal, params.id);
    if (body.parent !== null) {
      // No lineage into a model the caller cannot see: it answers like a version that does not exist.
      const parentModel = getModelRow(services.db, principal.orgId, body.parent.modelId);
      const visible = parentModel !== undefined && canSeeEntry(viewer, modelRef(parentModel));
      if (!visible || getModelVersionRow(services.db, parentModel.id, body.parent.versionId) === undefined) {
        throw new ApiError('not_found', 'Model version not found: parent names no model version you can see.', 'parent');
      }
    }
    const version: ModelVersion = {
      id: newEntityId('mver'),
      modelId: row.id,
      version: body.version,
      checksum: body.checksum,
      trainingMetadata: body.trainingMetadata,
      parent: body.parent,
      benchmarks: body.benchmarks,
      createdAt: services.now().toISOString(),
    };
    services.write(() => {
      const taken = services.db.prepare('SELECT 1 FROM model_versions WHERE model_id = ? AND version = ?').get(row.id, body.version);
      if (taken) throw conflict(`This model already has a version ${body.version}; version labels are unique per model.`);
      insertModelVersion(services.db, version);
      const model = toModelEntry(row);
      // The first version is the one in use until someone points elsewhere.
      const current = model.currentVersionId ?? version.id;
      updateModel(services.db, { ...model, currentVersionId: current, updatedAt: version.createdAt });
      recordEntryChange(services, principal, 'model.version.create', 'model', model, {
        versionId: version.id,
        version: version.version,
        current: current === version.id,
      });
    });
    return version;
  },

  'model.version.set-current': ({ principal, params, body }, services) => {
    const { row } = seenModel(services, principal, params.id);
    const target = versionOf(services, row, body.versionId, 'versionId');
    const before = toModelEntry(row);
    const model: ModelEntry = { ...before, currentVersionId: target.id, updatedAt: services.now().toISOString() };
    services.write(() => {
      updateModel(services.db, model);
      recordEntryChange(services, principal, 'model.version.set-current', 'model', model, {
        from: before.currentVersionId,
        to: target.id,
        version: target.version,
      });
    });
    return model;
  },

  'model.version.compare': ({ principal, params, query }, services) => {
    const { row } = seenModel(services, principal, params.id);
    const a = versionOf(services, row, query.a, 'a');
    const b = versionOf(services, row, query.b, 'b');
    return compareModelVersions(toModelVersion(a), toModelVersion(b));
  },

  'model.lineage': ({ principal, params, query }, services) => {
    const { viewer, row } = seenModel(services, principal, params.id);
    const startId = query.versionId ?? row.current_version_id;
    if (startId === null) return { items: [], complete: true };
    return modelLineage(services.db, viewer, row, versionOf(services, row, startId, 'versionId'));
  },
};
