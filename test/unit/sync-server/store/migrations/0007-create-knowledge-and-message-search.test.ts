import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../../sync-server/store/database';
import type { SqliteDatabase } from '../../../../../sync-server/store/database';
import { createDirectory } from '../../../../../sync-server/store/migrations/0001-create-directory';
import { createDocuments } from '../../../../../sync-server/store/migrations/0006-create-documents';
import { createKnowledgeAndMessageSearch } from '../../../../../sync-server/store/migrations/0007-create-knowledge-and-message-search';

const at = '2025-01-31T09:30:00.000Z';
let dir: string;
let db: SqliteDatabase;

function matches(table: 'knowledge_fts' | 'message_fts', word: string): number {
  return (db.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE ${table} MATCH ?`).get(word) as { n: number }).n;
}

/** A database at version 6 with an organization, a project, a conversation and an agent run already in it. */
function openAtVersion6(): SqliteDatabase {
  const old = openDatabase(join(dir, 'quorum.sqlite'), [createDirectory, createDocuments]);
  old.exec(`
    INSERT INTO organizations VALUES ('org_1', 'Acme', 'acme', 'enterprise', '${at}');
    INSERT INTO users VALUES ('usr_1', 'a@example.test', 'A', 'person', NULL, '${at}');
    INSERT INTO workgroups VALUES ('wg_1', 'org_1', 'Platform', '', '{}', '${at}', '${at}');
    INSERT INTO projects (id, org_id, name, canonical_name, config, created_at, updated_at) VALUES ('prj_1', 'org_1', 'Alpha', 'alpha', '{}', '${at}', '${at}');
    INSERT INTO conversations VALUES ('cnv_1', 'org_1', 'prj_1', 'Plans', 'shared', 'usr_1', '${at}');
    INSERT INTO agent_runs (id, org_id, agent_id, project_id, run_by, started_at, duration_ms, outcome) VALUES ('run_old', 'org_1', 'agt_1', 'prj_1', 'usr_1', '${at}', 5, 'ok');
  `);
  old.close();
  return openDatabase(join(dir, 'quorum.sqlite'), [createDirectory, createDocuments, createKnowledgeAndMessageSearch]);
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'quorum-0007-'));
  db = openAtVersion6();
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('migration 0007', () => {
  it('applies over existing data, keeping runs recorded before it without a message', () => {
    expect(db.prepare('SELECT version FROM schema_migrations ORDER BY version').all()).toEqual([{ version: 1 }, { version: 6 }, { version: 7 }]);
    expect(db.prepare("SELECT message_id FROM agent_runs WHERE id = 'run_old'").get()).toEqual({ message_id: null });
  });

  it('allows one run per message of a conversation, and any number without a message', () => {
    const insert = db.prepare(
      `INSERT INTO agent_runs (id, org_id, agent_id, project_id, conversation_id, run_by, started_at, duration_ms, outcome, message_id)
       VALUES (?, 'org_1', 'agt_1', 'prj_1', ?, 'usr_1', '${at}', 1, 'ok', ?)`,
    );
    insert.run('run_a', 'cnv_1', 'msg_1');
    insert.run('run_b', 'cnv_2', 'msg_1');
    insert.run('run_c', null, null);
    insert.run('run_d', null, null);
    expect(() => insert.run('run_e', 'cnv_1', 'msg_1')).toThrow(/UNIQUE/);
  });

  it('keeps the knowledge index equal to the documents through inserts, updates and deletes, and deletes with the base', () => {
    db.exec(`INSERT INTO knowledge_bases VALUES ('kb_1', 'org_1', 'Handbook', '', 'workgroup', 'wg_1', NULL, 'usr_1', '${at}', '${at}')`);
    const insert = db.prepare(`INSERT INTO knowledge_documents (id, knowledge_base_id, path, path_key, content, created_at, updated_at) VALUES (?, 'kb_1', ?, ?, ?, '${at}', '${at}')`);
    insert.run('kbd_1', 'guide.md', 'guide.md', 'Deploy on Tuesdays.');
    insert.run('kbd_2', 'teams/notes.md', 'teams/notes.md', 'Café notes.');
    expect([matches('knowledge_fts', 'tuesdays'), matches('knowledge_fts', 'cafe'), matches('knowledge_fts', 'teams')]).toEqual([1, 1, 1]);
    db.prepare("UPDATE knowledge_documents SET content = 'Deploy on Thursdays.' WHERE id = 'kbd_1'").run();
    expect([matches('knowledge_fts', 'tuesdays'), matches('knowledge_fts', 'thursdays')]).toEqual([0, 1]);
    db.prepare("DELETE FROM knowledge_documents WHERE id = 'kbd_2'").run();
    expect(matches('knowledge_fts', 'cafe')).toBe(0);
    expect(() => insert.run('kbd_3', 'Guide.md', 'guide.md', 'Twin.')).toThrow(/UNIQUE/);
    db.prepare("DELETE FROM workgroups WHERE id = 'wg_1'").run();
    expect(db.prepare('SELECT COUNT(*) AS n FROM knowledge_bases').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM knowledge_documents').get()).toEqual({ n: 0 });
    expect(matches('knowledge_fts', 'thursdays')).toBe(0);
  });

  it('refuses a base whose owner columns disagree with its kind', () => {
    const insert = db.prepare(`INSERT INTO knowledge_bases VALUES (?, 'org_1', 'X', '', ?, ?, ?, 'usr_1', '${at}', '${at}')`);
    expect(() => insert.run('kb_a', 'organization', 'wg_1', null)).toThrow(/CHECK/);
    expect(() => insert.run('kb_b', 'project', null, null)).toThrow(/CHECK/);
    expect(() => insert.run('kb_c', 'workgroup', 'wg_1', 'prj_1')).toThrow(/CHECK/);
    insert.run('kb_d', 'organization', null, null);
    insert.run('kb_e', 'project', null, 'prj_1');
  });

  it('keeps the message index equal to its texts, and drops a conversation’s with it', () => {
    const insert = db.prepare("INSERT INTO message_texts (conversation_id, message_id, content) VALUES ('cnv_1', ?, ?)");
    insert.run('msg_1', 'The zeppelin launches at dawn.');
    insert.run('msg_2', 'Quasars are bright.');
    expect(matches('message_fts', 'zeppelin')).toBe(1);
    db.prepare("UPDATE message_texts SET content = 'The airship launches at dawn.' WHERE message_id = 'msg_1'").run();
    expect([matches('message_fts', 'zeppelin'), matches('message_fts', 'airship')]).toEqual([0, 1]);
    expect(() => insert.run('msg_2', 'Again.')).toThrow(/UNIQUE/);
    db.prepare("DELETE FROM conversations WHERE id = 'cnv_1'").run();
    expect(db.prepare('SELECT COUNT(*) AS n FROM message_texts').get()).toEqual({ n: 0 });
    expect([matches('message_fts', 'airship'), matches('message_fts', 'quasars')]).toEqual([0, 0]);
  });
});
