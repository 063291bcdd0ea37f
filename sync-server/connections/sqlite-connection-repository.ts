import { ConnectionParams, ModelConnection } from '../../shared/domain/model-connection';
import type { AuditLog } from '../audit/audit-log';
import type { SqliteDatabase } from '../store/database';
import { newEntityId } from '../../shared/domain/new-entity-id';
import { ConnectionNameTaken } from './connection-repository';
import type { ConnectionActor, ConnectionRepository } from './connection-repository';
import { openSecret, sealSecret, sealedWithOldKey } from './server-key';
import type { ServerKeys } from './server-key';

interface ConnectionRow {
  id: string;
  org_id: string;
  workgroup_id: string | null;
  name: string;
  base_url: string;
  sealed_key: string | null;
  default_params: string;
  created_by: string;
  created_at: string;
  updated_by: string;
  updated_at: string;
}

function toConnection(row: ConnectionRow): ModelConnection {
  return ModelConnection.parse({
    id: row.id,
    orgId: row.org_id,
    workgroupId: row.workgroup_id,
    name: row.name,
    baseUrl: row.base_url,
    hasKey: row.sealed_key !== null,
    defaultParams: ConnectionParams.parse(JSON.parse(row.default_params)),
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedBy: row.updated_by,
    updatedAt: row.updated_at,
  });
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'SQLITE_CONSTRAINT_UNIQUE';
}

export interface SqliteConnectionRepositoryOptions {
  readonly db: SqliteDatabase;
  readonly keys: ServerKeys;
  readonly audit: AuditLog;
  /** The server's transaction runner, so a change and its audit record commit together. */
  readonly write: <T>(fn: () => T) => T;
  readonly now: () => Date;
}

/** Connections in the server's SQLite file, keys sealed with the server key. */
export function createSqliteConnectionRepository(options: SqliteConnectionRepositoryOptions): ConnectionRepository {
  const { db, keys, audit, write } = options;
  const select = db.prepare<[string, string], ConnectionRow>('SELECT * FROM model_connections WHERE org_id = ? AND id = ?');
  const row = (orgId: string, id: string) => select.get(orgId, id);
  const seal = (apiKey: string | null) => (apiKey === null ? null : sealSecret(keys, apiKey));

  const record = (actor: ConnectionActor, action: string, connection: ConnectionRow, keyChanged: boolean) =>
    audit.record({
      orgId: actor.orgId,
      actorId: actor.userId,
      action,
      resourceKind: 'connection',
      resourceId: connection.id,
      projectId: null,
      outcome: 'allowed',
      // Where it points and whether the key changed; never the key.
      detail: { name: connection.name, baseUrl: connection.base_url, workgroupId: connection.workgroup_id, keyChanged },
    });

  return {
    async list(orgId, workgroupIds) {
      const rows = db.prepare<[string], ConnectionRow>('SELECT * FROM model_connections WHERE org_id = ? ORDER BY name, id').all(orgId);
      return rows.filter((r) => workgroupIds === undefined || r.workgroup_id === null || workgroupIds.includes(r.workgroup_id)).map(toConnection);
    },

    async get(orgId, id) {
      const found = row(orgId, id);
      return found === undefined ? null : toConnection(found);
    },

    async create(actor, input) {
      const at = options.now().toISOString();
      const created: ConnectionRow = {
        id: newEntityId('conn'),
        org_id: actor.orgId,
        workgroup_id: input.workgroupId,
        name: input.name,
        base_url: input.baseUrl,
        sealed_key: seal(input.apiKey),
        default_params: JSON.stringify(input.defaultParams),
        created_by: actor.userId,
        created_at: at,
        updated_by: actor.userId,
        updated_at: at,
      };
      try {
        write(() => {
          db.prepare(
            `INSERT INTO model_connections (id, org_id, workgroup_id, name, base_url, sealed_key, default_params, created_by, created_at, updated_by, updated_at)
             VALUES (@id, @org_id, @workgroup_id, @name, @base_url, @sealed_key, @default_params, @created_by, @created_at, @updated_by, @updated_at)`,
          ).run(created);
          record(actor, 'connection.create', created, input.apiKey !== null);
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw new ConnectionNameTaken(`The organization already has a connection named "${input.name}".`);
        throw error;
      }
      return toConnection(created);
    },

    async update(actor, id, patch) {
      const current = row(actor.orgId, id);
      if (current === undefined) return null;
      const next: ConnectionRow = {
        ...current,
        name: patch.name ?? current.name,
        base_url: patch.baseUrl ?? current.base_url,
        sealed_key: patch.apiKey === undefined ? current.sealed_key : seal(patch.apiKey),
        default_params: patch.defaultParams === undefined ? current.default_params : JSON.stringify(patch.defaultParams),
        updated_by: actor.userId,
        updated_at: options.now().toISOString(),
      };
      try {
        write(() => {
          db.prepare(
            `UPDATE model_connections SET name = @name, base_url = @base_url, sealed_key = @sealed_key, default_params = @default_params,
             updated_by = @updated_by, updated_at = @updated_at WHERE id = @id`,
          ).run(next);
          record(actor, 'connection.update', next, patch.apiKey !== undefined);
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw new ConnectionNameTaken(`The organization already has a connection named "${next.name}".`);
        throw error;
      }
      return toConnection(next);
    },

    async remove(actor, id) {
      const current = row(actor.orgId, id);
      if (current === undefined) return false;
      write(() => {
        db.prepare('DELETE FROM model_connections WHERE id = ?').run(id);
        record(actor, 'connection.delete', current, current.sealed_key !== null);
      });
      return true;
    },

    async credentials(orgId, id) {
      const found = row(orgId, id);
      if (found === undefined) return null;
      return {
        baseUrl: found.base_url,
        apiKey: found.sealed_key === null ? null : openSecret(keys, found.sealed_key),
        defaultParams: ConnectionParams.parse(JSON.parse(found.default_params)),
      };
    },

    async resealKeys() {
      const sealed = db.prepare<[], { id: string; sealed_key: string }>('SELECT id, sealed_key FROM model_connections WHERE sealed_key IS NOT NULL').all();
      const stale = sealed.filter((r) => sealedWithOldKey(keys, r.sealed_key));
      write(() => {
        const update = db.prepare('UPDATE model_connections SET sealed_key = ? WHERE id = ?');
        for (const r of stale) update.run(sealSecret(keys, openSecret(keys, r.sealed_key)), r.id);
      });
      return stale.length;
    },
  };
}
