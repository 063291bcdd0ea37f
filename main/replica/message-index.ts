import type { Statement } from 'better-sqlite3';
import type { SearchHit } from '../../shared/app-api/app-api-contract';
import { snippetMarkEnd, snippetMarkStart } from '../../shared/app-api/search-snippet';
import type { LocalDatabase } from '../store/local-database';
import { toMatchExpression } from './search-query';

/** What the document layer hands over for each message of a conversation document. */
export interface IndexedMessage {
  readonly id: string;
  /** The author's id: a user, or the agent that wrote it. */
  readonly author: string;
  readonly createdAt: string;
  readonly text: string;
}

interface StoredMessage {
  row_key: number;
  message_id: string;
  project_id: string;
  author: string;
  created_at: string;
}

interface TopRow {
  row_key: number;
  conversation_id: string;
  message_id: string;
  created_at: string;
}

interface ProjectRow {
  ordinal: number;
  next_seq: number;
}

/** The statements of one project's FTS table, prepared once per table. */
interface ProjectTable {
  readonly insert: Statement<[number, string]>;
  readonly update: Statement<[string, number]>;
  readonly remove: Statement<[number]>;
  readonly text: Statement<[number], { text: string }>;
  readonly top: Statement<[string, string, number], TopRow>;
  readonly snippet: Statement<[string, number], { snippet: string }>;
}

// Row keys are `ordinal * 2^32 + sequence`; ordinals stay below 2^20 so every key is a safe JS integer.
const projectSpan = 2 ** 32;
const maxOrdinal = 2 ** 20;
const maxLimit = 1000;
const snippetTokens = 24;
const tokenizer = 'porter unicode61 remove_diacritics 2';
const markCharacters = new RegExp(`[${snippetMarkStart}${snippetMarkEnd}]`, 'g');
const sqlChar = (mark: string) => `char(${mark.codePointAt(0) ?? 0})`;

function rangeOf(ordinal: number): [number, number] {
  return [ordinal * projectSpan, ordinal * projectSpan + projectSpan - 1];
}

/** The name of a project's FTS table: built from an integer the database assigned, never from input. */
function tableOf(ordinal: number): string {
  if (!Number.isSafeInteger(ordinal) || ordinal <= 0) throw new Error(`Not a search table ordinal: ${ordinal}`);
  return `search_fts_${ordinal}`;
}

/**
 * The full-text index over the messages of local conversations (SQLite FTS5), fed by the document
 * layer and searched strictly within one project: every project has an FTS table of its own, and a
 * search reads only that table (the project id is checked again on the rows it joins). Ranking is
 * bm25 over the project's own messages, then the newer message first.
 */
export class MessageIndex {
  private readonly tables = new Map<number, ProjectTable>();
  private readonly sql: {
    conversation: Statement<[string], StoredMessage>;
    project: Statement<[string], ProjectRow>;
    title: Statement<[string], { title: string | null }>;
    conversationsInRange: Statement<[number, number], { conversation_id: string }>;
    insert: Statement<[number, string, string, string, string, string]>;
    update: Statement<[string, string, number]>;
    deleteRow: Statement<[number]>;
    deleteRange: Statement<[number, number]>;
    addProject: Statement<[string], ProjectRow>;
    setNextSeq: Statement<[number, number]>;
    dropProject: Statement<[number]>;
  };

  constructor(private readonly db: LocalDatabase) {
    this.sql = {
      conversation: db.prepare('SELECT row_key, message_id, project_id, author, created_at FROM search_messages WHERE conversation_id = ?'),
      project: db.prepare('SELECT ordinal, next_seq FROM search_projects WHERE project_id = ?'),
      title: db.prepare("SELECT json_extract(data, '$.title') AS title FROM replica_entities WHERE id = ? AND kind = 'conversation'"),
      conversationsInRange: db.prepare('SELECT DISTINCT conversation_id FROM search_messages WHERE row_key BETWEEN ? AND ?'),
      insert: db.prepare(
        'INSERT INTO search_messages (row_key, conversation_id, message_id, project_id, author, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      update: db.prepare('UPDATE search_messages SET author = ?, created_at = ? WHERE row_key = ?'),
      deleteRow: db.prepare('DELETE FROM search_messages WHERE row_key = ?'),
      deleteRange: db.prepare('DELETE FROM search_messages WHERE row_key BETWEEN ? AND ?'),
      addProject: db.prepare('INSERT INTO search_projects (project_id) VALUES (?) RETURNING ordinal, next_seq'),
      setNextSeq: db.prepare('UPDATE search_projects SET next_seq = ? WHERE ordinal = ?'),
      dropProject: db.prepare('DELETE FROM search_projects WHERE ordinal = ?'),
    };
  }

  /**
   * Makes the index hold exactly `messages` for the conversation: new ones are added, changed ones
   * re-indexed, unchanged ones left alone, missing ones removed. Called with the whole message list
   * of a conversation document after it changed; one transaction.
   */
  index(conversationId: string, projectId: string, messages: readonly IndexedMessage[]): void {
    this.db.transaction(() => {
      let stored = this.sql.conversation.all(conversationId);
      if (stored.some((row) => row.project_id !== projectId)) {
        // A conversation never changes project; rows filed under another one are stale.
        this.remove(conversationId);
        stored = [];
      }
      const wanted = new Map(messages.map((message) => [message.id, message]));
      if (wanted.size === 0 && stored.length === 0) return;
      const project = this.sql.project.get(projectId) ?? this.addProject(projectId);
      const table = this.table(project.ordinal);
      const byId = new Map(stored.map((row) => [row.message_id, row]));
      let nextSeq = project.next_seq;
      for (const message of wanted.values()) {
        const text = message.text.replace(markCharacters, '');
        const old = byId.get(message.id);
        if (old === undefined) {
          if (nextSeq >= projectSpan) throw new Error(`The search index has no room left for project ${projectId}.`);
          const rowKey = project.ordinal * projectSpan + nextSeq;
          nextSeq += 1;
          this.sql.insert.run(rowKey, conversationId, message.id, projectId, message.author, message.createdAt);
          table.insert.run(rowKey, text);
          continue;
        }
        if (old.author !== message.author || old.created_at !== message.createdAt) {
          this.sql.update.run(message.author, message.createdAt, old.row_key);
        }
        if (table.text.get(old.row_key)?.text !== text) table.update.run(text, old.row_key);
      }
      for (const row of stored) {
        if (wanted.has(row.message_id)) continue;
        table.remove.run(row.row_key);
        this.sql.deleteRow.run(row.row_key);
      }
      if (nextSeq !== project.next_seq) this.sql.setNextSeq.run(nextSeq, project.ordinal);
    })();
  }

  /** Drops every indexed message of the conversation. */
  remove(conversationId: string): void {
    this.db.transaction(() => {
      const ordinals = new Map<string, number | undefined>();
      for (const row of this.sql.conversation.all(conversationId)) {
        if (!ordinals.has(row.project_id)) ordinals.set(row.project_id, this.sql.project.get(row.project_id)?.ordinal);
        const ordinal = ordinals.get(row.project_id);
        if (ordinal !== undefined) this.table(ordinal).remove.run(row.row_key);
        this.sql.deleteRow.run(row.row_key);
      }
    })();
  }

  /** Drops every indexed message of the project, and its FTS table; answers the conversations that had some. */
  removeProject(projectId: string): string[] {
    return this.db.transaction(() => {
      const project = this.sql.project.get(projectId);
      if (project === undefined) return [];
      const [low, high] = rangeOf(project.ordinal);
      const conversations = this.sql.conversationsInRange.all(low, high).map((row) => row.conversation_id);
      this.tables.delete(project.ordinal);
      this.db.exec(`DROP TABLE IF EXISTS ${tableOf(project.ordinal)}`);
      this.sql.deleteRange.run(low, high);
      this.sql.dropProject.run(project.ordinal);
      return conversations;
    })();
  }

  /**
   * Messages of the project matching every word of `query`, best first. The query is plain text:
   * nothing in it is search syntax, and no input makes this fail.
   */
  search(projectId: string, query: string, limit = 50): SearchHit[] {
    const expression = toMatchExpression(query);
    const project = this.sql.project.get(projectId);
    if (expression === null || project === undefined) return [];
    const table = this.table(project.ordinal);
    const count = Math.max(1, Math.min(maxLimit, Math.floor(limit)));
    const rows = table.top.all(expression, projectId, count);
    const titles = new Map<string, string>();
    return rows.map((row) => {
      let title = titles.get(row.conversation_id);
      if (title === undefined) {
        title = this.sql.title.get(row.conversation_id)?.title ?? '';
        titles.set(row.conversation_id, title);
      }
      return {
        conversationId: row.conversation_id,
        conversationTitle: title,
        messageId: row.message_id,
        snippet: table.snippet.get(expression, row.row_key)?.snippet ?? '',
        createdAt: row.created_at,
      };
    });
  }

  private addProject(projectId: string): ProjectRow {
    const project = this.sql.addProject.get(projectId);
    if (project === undefined) throw new Error(`Could not add project ${projectId} to the search index.`);
    if (project.ordinal >= maxOrdinal) throw new Error('The search index holds too many projects.');
    this.db.exec(`CREATE VIRTUAL TABLE ${tableOf(project.ordinal)} USING fts5(text, tokenize = '${tokenizer}')`);
    return project;
  }

  private table(ordinal: number): ProjectTable {
    const cached = this.tables.get(ordinal);
    if (cached !== undefined) return cached;
    const name = tableOf(ordinal);
    // better-sqlite3 binds JS numbers as REAL, and FTS5 ignores a REAL rowid constraint (`rowid = ?`
    // is then not applied at all), so every row key compared with an FTS table is cast to INTEGER.
    const table: ProjectTable = {
      insert: this.db.prepare(`INSERT INTO ${name} (rowid, text) VALUES (CAST(? AS INTEGER), ?)`),
      update: this.db.prepare(`UPDATE ${name} SET text = ? WHERE rowid = CAST(? AS INTEGER)`),
      remove: this.db.prepare(`DELETE FROM ${name} WHERE rowid = CAST(? AS INTEGER)`),
      text: this.db.prepare(`SELECT text FROM ${name} WHERE rowid = CAST(? AS INTEGER)`),
      top: this.db.prepare(
        `SELECT m.row_key, m.conversation_id, m.message_id, m.created_at
         FROM ${name} f JOIN search_messages m ON m.row_key = f.rowid
         WHERE ${name} MATCH ? AND m.project_id = ?
         ORDER BY bm25(${name}), m.created_at DESC
         LIMIT ?`,
      ),
      // Asked only for the rows that made the page: a snippet of every match would cost more than the search.
      snippet: this.db.prepare(
        `SELECT snippet(${name}, 0, ${sqlChar(snippetMarkStart)}, ${sqlChar(snippetMarkEnd)}, '…', ${snippetTokens}) AS snippet
         FROM ${name} WHERE ${name} MATCH ? AND rowid = CAST(? AS INTEGER)`,
      ),
    };
    this.tables.set(ordinal, table);
    return table;
  }
}
