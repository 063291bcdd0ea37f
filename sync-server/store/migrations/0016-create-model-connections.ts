import type { Migration } from '../migration';

/**
 * Model connections an organization (or one of its workgroups) configures once: an
 * OpenAI-compatible base URL, its key sealed with the server key (never stored in clear), and
 * default request parameters as JSON. A workgroup's connection goes with its workgroup.
 */
export const createModelConnections: Migration = {
  version: 16,
  name: 'create-model-connections',
  up(db) {
    db.exec(`
      CREATE TABLE model_connections (
        id TEXT PRIMARY KEY,
        org_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        workgroup_id TEXT REFERENCES workgroups(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        base_url TEXT NOT NULL,
        sealed_key TEXT,
        default_params TEXT NOT NULL DEFAULT '{}',
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_by TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE UNIQUE INDEX model_connections_name ON model_connections(org_id, name);
      CREATE INDEX model_connections_by_workgroup ON model_connections(workgroup_id) WHERE workgroup_id IS NOT NULL;
    `);
  },
};
