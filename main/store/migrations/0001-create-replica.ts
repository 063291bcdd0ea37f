import type { LocalMigration } from '../local-migration';

/**
 * The local replica of the directory and the full-text index of local conversations.
 *
 * - `replica_state`: per organization, whose replica it is, the per-device replica id sent to the
 *   change feed, the feed cursor and when it last synced. The cursor moves in the same transaction
 *   as the page it belongs to, so a crash never skips or half-applies a page.
 * - `replica_entities`: every replicated entity as the JSON the server sent, with the columns
 *   reads filter by. `project_id` is the project an entity lives in or is scoped to (a project's
 *   own id for a project), so a project's contents can be found and dropped with it.
 * - `replica_roles`: the caller's own effective roles, for the client-side policy offline.
 * - `search_messages` + `search_messages_fts`: message text with an FTS5 index over it (external
 *   content, kept in step by triggers). Row keys are `(project ordinal << 32) | sequence`, so each
 *   project's messages occupy their own key range: a search is bounded to that range inside the
 *   FTS index itself and can never reach another project's rows.
 */
export const createReplica: LocalMigration = {
  version: 1,
  name: 'create-replica',
  up(db) {
    db.exec(`
      CREATE TABLE replica_state (
        org_id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL,
        replica_id TEXT NOT NULL,
        cursor INTEGER NOT NULL DEFAULT 0 CHECK (cursor >= 0),
        last_sync_at TEXT
      ) STRICT;

      CREATE TABLE replica_entities (
        org_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        id TEXT NOT NULL,
        project_id TEXT,
        data TEXT NOT NULL CHECK (json_valid(data)),
        PRIMARY KEY (org_id, kind, id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX replica_entities_by_project ON replica_entities (org_id, kind, project_id);
      CREATE INDEX replica_entities_by_id ON replica_entities (id);

      CREATE TABLE replica_roles (
        org_id TEXT NOT NULL,
        scope TEXT NOT NULL CHECK (scope IN ('org', 'project', 'workgroup')),
        scope_id TEXT NOT NULL,
        role TEXT NOT NULL,
        PRIMARY KEY (org_id, scope, scope_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE search_projects (
        project_id TEXT PRIMARY KEY,
        ordinal INTEGER NOT NULL UNIQUE CHECK (ordinal > 0),
        next_seq INTEGER NOT NULL DEFAULT 1
      ) STRICT;

      CREATE TABLE search_messages (
        row_key INTEGER PRIMARY KEY,
        conversation_id TEXT NOT NULL,
        message_id TEXT NOT NULL,
        project_id TEXT NOT NULL,
        author TEXT NOT NULL,
        created_at TEXT NOT NULL,
        text TEXT NOT NULL,
        UNIQUE (conversation_id, message_id)
      ) STRICT;

      CREATE VIRTUAL TABLE search_messages_fts USING fts5(
        text,
        content = 'search_messages',
        content_rowid = 'row_key',
        tokenize = 'porter unicode61 remove_diacritics 2'
      );
      CREATE TRIGGER search_messages_ai AFTER INSERT ON search_messages BEGIN
        INSERT INTO search_messages_fts (rowid, text) VALUES (new.row_key, new.text);
      END;
      CREATE TRIGGER search_messages_ad AFTER DELETE ON search_messages BEGIN
        INSERT INTO search_messages_fts (search_messages_fts, rowid, text) VALUES ('delete', old.row_key, old.text);
      END;
      CREATE TRIGGER search_messages_au AFTER UPDATE OF text ON search_messages BEGIN
        INSERT INTO search_messages_fts (search_messages_fts, rowid, text) VALUES ('delete', old.row_key, old.text);
        INSERT INTO search_messages_fts (rowid, text) VALUES (new.row_key, new.text);
      END;
    `);
  },
};
