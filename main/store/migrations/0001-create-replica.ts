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
 * - `search_projects` + `search_messages`: the message index. Each project's message text is in an
 *   FTS5 table of its own, `search_fts_<ordinal>`, created when the project's first message is
 *   indexed and dropped with the project (see `main/replica/message-index.ts`): a search reads one
 *   project's table and nothing else, and its bm25 statistics are the project's own, which also
 *   keeps a search's cost proportional to the project rather than to the whole replica. Ordinals
 *   are never reused. `search_messages` holds what the FTS tables do not: which conversation and
 *   message a row is, its author and time. Row keys are `(ordinal << 32) | sequence`, so a
 *   project's rows are contiguous: read together, dropped with one range delete.
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
        ordinal INTEGER PRIMARY KEY AUTOINCREMENT,
        project_id TEXT NOT NULL UNIQUE,
        next_seq INTEGER NOT NULL DEFAULT 1
      ) STRICT;

      CREATE TABLE search_messages (
        row_key INTEGER PRIMARY KEY,
        conversation_id TEXT NOT NULL,
        message_id TEXT NOT NULL,
        project_id TEXT NOT NULL,
        author TEXT NOT NULL,
        created_at TEXT NOT NULL,
        UNIQUE (conversation_id, message_id)
      ) STRICT;
    `);
  },
};
