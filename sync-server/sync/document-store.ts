import * as Y from 'yjs';
import type { SqliteDatabase } from '../store/database';

export interface PendingUpdate {
  readonly docName: string;
  readonly update: Uint8Array;
  readonly userId: string | null;
}

/**
 * Yjs documents in SQLite: a snapshot plus the updates stored after it. Updates are appended in
 * batches, one transaction (one fsync) per batch, and compacted into a new snapshot once enough
 * have piled up, in the same transaction that deletes them.
 */
export class DocumentStore {
  private readonly insertUpdate;
  private readonly insertClient;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.insertUpdate = db.prepare('INSERT INTO doc_updates (doc_name, update_data, user_id, at) VALUES (?, ?, ?, ?)');
    this.insertClient = db.prepare('INSERT OR IGNORE INTO doc_clients (doc_name, client_id, user_id) VALUES (?, ?, ?)');
  }

  /** The document as stored, and which user each of its client ids writes for. */
  load(docName: string): { doc: Y.Doc; updateCount: number; clients: Map<number, string> } {
    const doc = new Y.Doc({ gc: true });
    const snapshot = this.db.prepare('SELECT state, upto_seq FROM doc_snapshots WHERE doc_name = ?').get(docName) as
      | { state: Buffer; upto_seq: number }
      | undefined;
    const updates = this.db
      .prepare('SELECT update_data FROM doc_updates WHERE doc_name = ? AND seq > ? ORDER BY seq')
      .all(docName, snapshot?.upto_seq ?? 0) as { update_data: Buffer }[];
    doc.transact(() => {
      if (snapshot) Y.applyUpdate(doc, snapshot.state);
      for (const row of updates) Y.applyUpdate(doc, row.update_data);
    });
    const clients = new Map(
      (this.db.prepare('SELECT client_id, user_id FROM doc_clients WHERE doc_name = ?').all(docName) as { client_id: number; user_id: string }[]).map(
        (row) => [row.client_id, row.user_id],
      ),
    );
    return { doc, updateCount: updates.length, clients };
  }

  /** Appends a batch of updates and client bindings durably; returns when they are on disk. */
  append(updates: readonly PendingUpdate[], bindings: readonly { docName: string; client: number; userId: string }[]): void {
    const at = this.now().toISOString();
    this.db.transaction(() => {
      for (const binding of bindings) this.insertClient.run(binding.docName, binding.client, binding.userId);
      for (const pending of updates) this.insertUpdate.run(pending.docName, pending.update, pending.userId, at);
    })();
  }

  /** Replaces the stored updates of a document with one snapshot of `doc`. */
  compact(docName: string, doc: Y.Doc): void {
    const state = Y.encodeStateAsUpdate(doc);
    this.db.transaction(() => {
      const upto = (this.db.prepare('SELECT MAX(seq) AS seq FROM doc_updates WHERE doc_name = ?').get(docName) as { seq: number | null }).seq ?? 0;
      this.db
        .prepare(
          `INSERT INTO doc_snapshots (doc_name, state, upto_seq, created_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (doc_name) DO UPDATE SET state = excluded.state, upto_seq = excluded.upto_seq, created_at = excluded.created_at`,
        )
        .run(docName, state, upto, this.now().toISOString());
      this.db.prepare('DELETE FROM doc_updates WHERE doc_name = ? AND seq <= ?').run(docName, upto);
    })();
  }

  /** Forgets a document entirely (its project or conversation was deleted). */
  remove(docName: string): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM doc_updates WHERE doc_name = ?').run(docName);
      this.db.prepare('DELETE FROM doc_snapshots WHERE doc_name = ?').run(docName);
      this.db.prepare('DELETE FROM doc_clients WHERE doc_name = ?').run(docName);
    })();
  }
}
