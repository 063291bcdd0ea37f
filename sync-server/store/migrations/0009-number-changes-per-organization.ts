import type { Migration } from '../migration';

/**
 * The change feed's cursor counts each organization's changes on its own (`changes.org_seq`, the
 * last one in `change_heads`), so that the cursor of one organization moves only with its own
 * changes and says nothing about how busy the others are.
 *
 * Rows written before keep their global number as their organization's number, and every
 * organization's count goes on from the highest number given out so far: a cursor a replica
 * already holds (at most that number) stays valid and misses nothing.
 */
export const numberChangesPerOrganization: Migration = {
  version: 9,
  name: 'number-changes-per-organization',
  up(db) {
    db.exec(`
      ALTER TABLE changes ADD COLUMN org_seq INTEGER;
      UPDATE changes SET org_seq = seq;
      CREATE UNIQUE INDEX changes_by_org_seq ON changes(org_id, org_seq);

      CREATE TABLE change_heads (
        org_id TEXT PRIMARY KEY,
        org_seq INTEGER NOT NULL
      );
      INSERT INTO change_heads (org_id, org_seq)
        SELECT org_id, (SELECT COALESCE(MAX(seq), 0) FROM changes)
        FROM (SELECT id AS org_id FROM organizations UNION SELECT org_id FROM changes);
    `);
  },
};
