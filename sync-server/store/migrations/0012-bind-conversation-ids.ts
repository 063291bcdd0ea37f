import type { Migration } from '../migration';

const now = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

/**
 * Every conversation id ever used, bound to the project and organization it was created in, and
 * marked when the conversation is deleted: an id names one conversation, once. A project's index
 * may only name an id that was never used, and a deleted conversation's id is spent for good. The
 * table has no foreign keys, so that a row outlives its conversation and its project; triggers
 * keep it, whichever way a conversation is inserted or deleted (a deleted project's too).
 *
 * Documents that conversations and projects deleted before this version left behind are deleted
 * with their stored updates, and the ids of those conversations are spent.
 */
export const bindConversationIds: Migration = {
  version: 12,
  name: 'bind-conversation-ids',
  up(db) {
    db.exec(`
      CREATE TABLE conversation_ids (
        id TEXT PRIMARY KEY,
        org_id TEXT NOT NULL,
        project_id TEXT NOT NULL,
        deleted_at TEXT
      );
      INSERT INTO conversation_ids (id, org_id, project_id) SELECT id, org_id, project_id FROM conversations;

      CREATE TEMP TABLE stored_documents AS
        SELECT doc_name FROM doc_updates UNION SELECT doc_name FROM doc_snapshots UNION SELECT doc_name FROM doc_clients;
      INSERT OR IGNORE INTO conversation_ids (id, org_id, project_id, deleted_at)
        SELECT substr(doc_name, length('conversation:') + 1), '', '', ${now} FROM stored_documents WHERE doc_name LIKE 'conversation:%';
      CREATE TEMP TABLE orphan_documents AS SELECT doc_name FROM stored_documents
        WHERE (doc_name LIKE 'conversation:%' AND substr(doc_name, length('conversation:') + 1) NOT IN (SELECT id FROM conversations))
           OR (doc_name LIKE 'project:%' AND substr(doc_name, length('project:') + 1) NOT IN (SELECT id FROM projects))
           OR (doc_name LIKE 'workgroup:%' AND substr(doc_name, length('workgroup:') + 1) NOT IN (SELECT id FROM workgroups));
      DELETE FROM doc_updates WHERE doc_name IN (SELECT doc_name FROM orphan_documents);
      DELETE FROM doc_snapshots WHERE doc_name IN (SELECT doc_name FROM orphan_documents);
      DELETE FROM doc_clients WHERE doc_name IN (SELECT doc_name FROM orphan_documents);
      DROP TABLE orphan_documents;
      DROP TABLE stored_documents;

      CREATE TRIGGER conversation_ids_bind BEFORE INSERT ON conversations BEGIN
        SELECT RAISE(ABORT, 'this conversation id is already used') FROM conversation_ids
          WHERE id = new.id AND (deleted_at IS NOT NULL OR project_id IS NOT new.project_id OR org_id IS NOT new.org_id);
        INSERT OR IGNORE INTO conversation_ids (id, org_id, project_id) VALUES (new.id, new.org_id, new.project_id);
      END;
      CREATE TRIGGER conversation_ids_spend AFTER DELETE ON conversations BEGIN
        UPDATE conversation_ids SET deleted_at = ${now} WHERE id = old.id;
      END;
    `);
  },
};
