import type { Migration } from '../migration';

/**
 * Knowledge bases and their documents with a full-text index; a full-text index of the messages
 * stored in conversation documents; and agent runs tied to the message that recorded them.
 *
 * Both indexes are FTS5 tables over a plain table that holds the text (external content), kept
 * equal to it by triggers, so the text is stored once and rows are found by id without a scan.
 * The tokenizer folds case and accents, as the rest of project search does.
 */
export const createKnowledgeAndMessageSearch: Migration = {
  version: 7,
  name: 'create-knowledge-and-message-search',
  up(db) {
    db.exec(`
      CREATE TABLE knowledge_bases (
        id TEXT PRIMARY KEY,
        org_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        owner_kind TEXT NOT NULL CHECK (owner_kind IN ('organization', 'workgroup', 'project')),
        -- One column per kind of owner, so that deleting the owner deletes its bases.
        workgroup_id TEXT REFERENCES workgroups(id) ON DELETE CASCADE,
        project_id TEXT REFERENCES projects(id) ON DELETE CASCADE,
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        CHECK ((owner_kind = 'workgroup') = (workgroup_id IS NOT NULL)),
        CHECK ((owner_kind = 'project') = (project_id IS NOT NULL))
      );
      CREATE INDEX knowledge_bases_by_org ON knowledge_bases(org_id);
      CREATE INDEX knowledge_bases_by_workgroup ON knowledge_bases(workgroup_id);
      CREATE INDEX knowledge_bases_by_project ON knowledge_bases(project_id);

      CREATE TABLE knowledge_documents (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        knowledge_base_id TEXT NOT NULL REFERENCES knowledge_bases(id) ON DELETE CASCADE,
        path TEXT NOT NULL,
        -- The path as compared (case-folded): one document per path, whatever its spelling.
        path_key TEXT NOT NULL,
        content TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (knowledge_base_id, path_key)
      );

      CREATE VIRTUAL TABLE knowledge_fts USING fts5(
        path, content,
        content = 'knowledge_documents', content_rowid = 'seq',
        tokenize = 'unicode61 remove_diacritics 2'
      );
      CREATE TRIGGER knowledge_documents_ai AFTER INSERT ON knowledge_documents BEGIN
        INSERT INTO knowledge_fts (rowid, path, content) VALUES (new.seq, new.path, new.content);
      END;
      CREATE TRIGGER knowledge_documents_ad AFTER DELETE ON knowledge_documents BEGIN
        INSERT INTO knowledge_fts (knowledge_fts, rowid, path, content) VALUES ('delete', old.seq, old.path, old.content);
      END;
      CREATE TRIGGER knowledge_documents_au AFTER UPDATE OF path, content ON knowledge_documents BEGIN
        INSERT INTO knowledge_fts (knowledge_fts, rowid, path, content) VALUES ('delete', old.seq, old.path, old.content);
        INSERT INTO knowledge_fts (rowid, path, content) VALUES (new.seq, new.path, new.content);
      END;

      -- The text of each message of a conversation document that is not still streaming.
      -- Keyed within the conversation: a message id is chosen by the client that wrote it, so one
      -- conversation's messages must never be able to stand for another's.
      CREATE TABLE message_texts (
        seq INTEGER PRIMARY KEY,
        conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
        message_id TEXT NOT NULL,
        content TEXT NOT NULL,
        UNIQUE (conversation_id, message_id)
      );

      CREATE VIRTUAL TABLE message_fts USING fts5(
        content,
        content = 'message_texts', content_rowid = 'seq',
        tokenize = 'unicode61 remove_diacritics 2'
      );
      CREATE TRIGGER message_texts_ai AFTER INSERT ON message_texts BEGIN
        INSERT INTO message_fts (rowid, content) VALUES (new.seq, new.content);
      END;
      CREATE TRIGGER message_texts_ad AFTER DELETE ON message_texts BEGIN
        INSERT INTO message_fts (message_fts, rowid, content) VALUES ('delete', old.seq, old.content);
      END;
      CREATE TRIGGER message_texts_au AFTER UPDATE OF content ON message_texts BEGIN
        INSERT INTO message_fts (message_fts, rowid, content) VALUES ('delete', old.seq, old.content);
        INSERT INTO message_fts (rowid, content) VALUES (new.seq, new.content);
      END;

      -- A run recorded from a conversation document names the message it was read from: one run
      -- per message of a conversation.
      ALTER TABLE agent_runs ADD COLUMN message_id TEXT;
      CREATE UNIQUE INDEX agent_runs_by_message ON agent_runs(conversation_id, message_id);
    `);
  },
};
