import type { Migration } from '../migration';

/**
 * A model entry may reach its model through one of the organization's server connections instead
 * of an endpoint of its own (`provider.connectionId` in the entry's JSON). The column mirrors that
 * id so a connection still in use is found by an index, and refused deletion, without reading
 * every entry's JSON.
 */
export const addModelConnectionColumn: Migration = {
  version: 19,
  name: 'models-use-connections',
  up(db) {
    db.exec(`
      ALTER TABLE models ADD COLUMN connection_id TEXT;
      UPDATE models SET connection_id = json_extract(provider, '$.connectionId') WHERE json_valid(provider);
      CREATE INDEX models_by_connection ON models(connection_id) WHERE connection_id IS NOT NULL;
    `);
  },
};
