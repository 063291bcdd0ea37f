import type { LocalMigration } from '../local-migration';

/**
 * The local copies of shared documents: per document a snapshot and the updates stored after it,
 * local updates flagged until the server confirms it stored them, and what a rebuild after a
 * refusal dropped, kept for the user to see.
 */
export const createLocalDocuments: LocalMigration = {
  version: 2,
  name: 'create-documents',
  up(db) {
    db.exec(`
      CREATE TABLE documents (
        name TEXT PRIMARY KEY,
        -- The whole document as one Yjs update, as of the last compaction; NULL before the first.
        snapshot BLOB,
        -- Increases each time the document is rebuilt from the server's state.
        generation INTEGER NOT NULL DEFAULT 0 CHECK (generation >= 0),
        -- Why the server last refused a change here, until the user dismisses it.
        refusal TEXT,
        -- Yjs client ids that wrote changes the server refused: never written under again.
        retired_clients TEXT NOT NULL DEFAULT '[]',
        created_at TEXT NOT NULL,
        compacted_at TEXT
      );

      CREATE TABLE document_updates (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT NOT NULL REFERENCES documents(name) ON DELETE CASCADE,
        data BLOB NOT NULL,
        origin TEXT NOT NULL CHECK (origin IN ('local', 'remote')),
        -- 0 for a local update the server has not confirmed as stored yet.
        stored INTEGER NOT NULL CHECK (stored IN (0, 1)),
        created_at TEXT NOT NULL,
        CHECK (origin = 'local' OR stored = 1)
      );
      CREATE INDEX document_updates_by_name ON document_updates(name, seq);
      CREATE INDEX document_updates_unstored ON document_updates(name, seq) WHERE stored = 0;

      CREATE TABLE document_dropped_changes (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT NOT NULL REFERENCES documents(name) ON DELETE CASCADE,
        reason TEXT NOT NULL,
        -- The dropped local updates merged into one, so what they held can still be shown.
        data BLOB NOT NULL,
        -- JSON array of the places in the document they wrote to.
        paths TEXT NOT NULL,
        dropped_at TEXT NOT NULL
      );
      CREATE INDEX document_dropped_changes_by_name ON document_dropped_changes(name, id);
    `);
  },
};
