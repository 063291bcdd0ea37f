import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../../sync-server/store/database';
import type { SqliteDatabase } from '../../../../../sync-server/store/database';
import { createDirectory } from '../../../../../sync-server/store/migrations/0001-create-directory';
import { createDocuments } from '../../../../../sync-server/store/migrations/0006-create-documents';
import { createKnowledgeAndMessageSearch } from '../../../../../sync-server/store/migrations/0007-create-knowledge-and-message-search';
import { bindConversationIds } from '../../../../../sync-server/store/migrations/0012-bind-conversation-ids';

const at = '2025-01-31T09:30:00.000Z';
let dir: string;
let db: SqliteDatabase;

/**
 * A database at version 7: two projects of one organization, a live conversation with its document,
 * and the documents a deleted conversation and a deleted project left behind.
 */
function openAtVersion7(): SqliteDatabase {
  const old = openDatabase(join(dir, 'quorum.sqlite'), [createDirectory, createDocuments, createKnowledgeAndMessageSearch]);
  old.exec(`
    INSERT INTO organizations VALUES ('org_1', 'Acme', 'acme', 'enterprise', '${at}');
    INSERT INTO users VALUES ('usr_1', 'a@example.test', 'A', 'person', NULL, '${at}');
    INSERT INTO projects (id, org_id, name, canonical_name, config, created_at, updated_at) VALUES ('prj_1', 'org_1', 'Alpha', 'alpha', '{}', '${at}', '${at}');
    INSERT INTO projects (id, org_id, name, canonical_name, config, created_at, updated_at) VALUES ('prj_2', 'org_1', 'Beta', 'beta', '{}', '${at}', '${at}');
    INSERT INTO conversations VALUES ('cnv_live', 'org_1', 'prj_1', 'Plans', 'shared', 'usr_1', '${at}');
    INSERT INTO doc_updates (doc_name, update_data, user_id, at) VALUES
      ('conversation:cnv_live', x'00', 'usr_1', '${at}'),
      ('conversation:cnv_gone', x'00', 'usr_1', '${at}'),
      ('project:prj_1', x'00', 'usr_1', '${at}'),
      ('project:prj_gone', x'00', 'usr_1', '${at}');
    INSERT INTO doc_snapshots VALUES ('conversation:cnv_gone', x'00', 1, '${at}');
    INSERT INTO doc_clients VALUES ('conversation:cnv_gone', 7, 'usr_1'), ('conversation:cnv_live', 8, 'usr_1');
  `);
  old.close();
  return openDatabase(join(dir, 'quorum.sqlite'), [createDirectory, createDocuments, createKnowledgeAndMessageSearch, bindConversationIds]);
}

const documents = () => (db.prepare('SELECT doc_name FROM doc_updates UNION SELECT doc_name FROM doc_snapshots UNION SELECT doc_name FROM doc_clients ORDER BY doc_name').all() as { doc_name: string }[]).map((r) => r.doc_name);
const insertConversation = (id: string, projectId: string) =>
  db.prepare(`INSERT INTO conversations VALUES (?, 'org_1', ?, 'T', 'shared', 'usr_1', '${at}')`).run(id, projectId);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'quorum-0012-'));
  db = openAtVersion7();
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('migration 0012', () => {
  it('binds every existing conversation id, spends the ids of documents left behind, and deletes those documents', () => {
    expect(db.prepare('SELECT id, project_id, deleted_at IS NOT NULL AS spent FROM conversation_ids ORDER BY id').all()).toEqual([
      { id: 'cnv_gone', project_id: '', spent: 1 },
      { id: 'cnv_live', project_id: 'prj_1', spent: 0 },
    ]);
    expect(documents()).toEqual(['conversation:cnv_live', 'project:prj_1']);
  });

  it('binds a new conversation id to its project, and refuses it in any other project', () => {
    insertConversation('cnv_new', 'prj_2');
    expect(db.prepare("SELECT org_id, project_id FROM conversation_ids WHERE id = 'cnv_new'").get()).toEqual({ org_id: 'org_1', project_id: 'prj_2' });
    db.prepare("DELETE FROM conversations WHERE id = 'cnv_new'").run();
    expect(() => insertConversation('cnv_live', 'prj_2')).toThrow(/already used/);
  });

  it('spends the id of a deleted conversation, also when its project is deleted, for every project', () => {
    db.prepare("DELETE FROM projects WHERE id = 'prj_1'").run();
    expect(db.prepare("SELECT deleted_at IS NOT NULL AS spent FROM conversation_ids WHERE id = 'cnv_live'").get()).toEqual({ spent: 1 });
    expect(() => insertConversation('cnv_live', 'prj_2')).toThrow(/already used/);
    expect(() => insertConversation('cnv_gone', 'prj_2')).toThrow(/already used/);
  });
});
