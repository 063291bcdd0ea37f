import type { Migration } from '../migration';

/** Yjs documents: a snapshot, the updates stored since, and which user each Yjs client id writes for. */
export const createDocuments: Migration = {
  version: 6,
  name: 'create-documents',
  up(db) {
    db.exec(`
      CREATE TABLE doc_snapshots (
        doc_name TEXT PRIMARY KEY,
        state BLOB NOT NULL,
        upto_seq INTEGER NOT NULL,
        created_at TEXT NOT NULL
      );

      CREATE TABLE doc_updates (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        doc_name TEXT NOT NULL,
        update_data BLOB NOT NULL,
        user_id TEXT,
        at TEXT NOT NULL
      );
      CREATE INDEX doc_updates_by_doc ON doc_updates(doc_name, seq);

      -- Authorship: a Yjs client id writes for the user it was first used by, in that document.
      CREATE TABLE doc_clients (
        doc_name TEXT NOT NULL,
        client_id INTEGER NOT NULL,
        user_id TEXT NOT NULL,
        PRIMARY KEY (doc_name, client_id)
      );
    `);
  },
};
