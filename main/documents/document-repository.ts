import type { LocalDatabase } from '../store/local-database';

export interface DocumentRow {
  readonly name: string;
  readonly snapshot: Uint8Array | null;
  readonly generation: number;
  readonly refusal: string | null;
  readonly retiredClients: readonly number[];
}

export interface UpdateRow {
  readonly seq: number;
  readonly data: Uint8Array;
  readonly origin: 'local' | 'remote';
  readonly stored: boolean;
  readonly createdAt: string;
}

export interface DroppedRow {
  readonly id: number;
  readonly reason: string;
  readonly data: Uint8Array;
  readonly paths: readonly string[];
  readonly droppedAt: string;
}

interface RawDocument {
  name: string;
  snapshot: Buffer | null;
  generation: number;
  refusal: string | null;
  retired_clients: string;
}

interface RawUpdate {
  seq: number;
  data: Buffer;
  origin: 'local' | 'remote';
  stored: 0 | 1;
  created_at: string;
}

interface RawDropped {
  id: number;
  reason: string;
  data: Buffer;
  paths: string;
  dropped_at: string;
}

const bytes = (buffer: Buffer): Uint8Array => new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);

/** The SQL behind the document store; every method is one statement, transactions are the caller's. */
export class DocumentRepository {
  private readonly statements;

  constructor(readonly db: LocalDatabase) {
    this.statements = {
      ensure: db.prepare('INSERT INTO documents (name, created_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING'),
      get: db.prepare('SELECT name, snapshot, generation, refusal, retired_clients FROM documents WHERE name = ?'),
      names: db.prepare('SELECT name FROM documents ORDER BY name'),
      updates: db.prepare('SELECT seq, data, origin, stored, created_at FROM document_updates WHERE name = ? ORDER BY seq'),
      unstored: db.prepare("SELECT seq, data, origin, stored, created_at FROM document_updates WHERE name = ? AND stored = 0 ORDER BY seq"),
      lastSeq: db.prepare('SELECT MAX(seq) AS seq FROM document_updates WHERE name = ?'),
      insertUpdate: db.prepare('INSERT INTO document_updates (name, data, origin, stored, created_at) VALUES (?, ?, ?, ?, ?)'),
      markStored: db.prepare('UPDATE document_updates SET stored = 1 WHERE seq = ? AND name = ?'),
      compact: db.prepare('UPDATE documents SET snapshot = ?, compacted_at = ? WHERE name = ?'),
      deleteFolded: db.prepare("DELETE FROM document_updates WHERE name = ? AND seq <= ? AND NOT (origin = 'local' AND stored = 0)"),
      deleteUpdates: db.prepare('DELETE FROM document_updates WHERE name = ?'),
      rebuild: db.prepare('UPDATE documents SET snapshot = ?, generation = generation + 1, refusal = ?, retired_clients = ?, compacted_at = ? WHERE name = ?'),
      setRefusal: db.prepare('UPDATE documents SET refusal = ? WHERE name = ?'),
      deleteDropped: db.prepare('DELETE FROM document_dropped_changes WHERE name = ?'),
      delete: db.prepare('DELETE FROM documents WHERE name = ?'),
      insertDropped: db.prepare('INSERT INTO document_dropped_changes (name, reason, data, paths, dropped_at) VALUES (?, ?, ?, ?, ?)'),
      dropped: db.prepare('SELECT id, reason, data, paths, dropped_at FROM document_dropped_changes WHERE name = ? ORDER BY id'),
    };
  }

  ensure(name: string, at: string): void {
    this.statements.ensure.run(name, at);
  }

  get(name: string): DocumentRow | undefined {
    const row = this.statements.get.get(name) as RawDocument | undefined;
    if (!row) return undefined;
    return {
      name: row.name,
      snapshot: row.snapshot ? bytes(row.snapshot) : null,
      generation: row.generation,
      refusal: row.refusal,
      retiredClients: JSON.parse(row.retired_clients) as number[],
    };
  }

  names(): string[] {
    return (this.statements.names.all() as { name: string }[]).map((row) => row.name);
  }

  updates(name: string): UpdateRow[] {
    return (this.statements.updates.all(name) as RawUpdate[]).map(toUpdate);
  }

  unstored(name: string): UpdateRow[] {
    return (this.statements.unstored.all(name) as RawUpdate[]).map(toUpdate);
  }

  lastSeq(name: string): number {
    return (this.statements.lastSeq.get(name) as { seq: number | null }).seq ?? 0;
  }

  insertUpdate(name: string, data: Uint8Array, origin: 'local' | 'remote', at: string): number {
    return Number(this.statements.insertUpdate.run(name, data, origin, origin === 'remote' ? 1 : 0, at).lastInsertRowid);
  }

  markStored(name: string, seq: number): void {
    this.statements.markStored.run(seq, name);
  }

  /** Replaces the snapshot and deletes the updates it folds in, except local ones still unconfirmed. */
  compact(name: string, snapshot: Uint8Array, throughSeq: number, at: string): void {
    this.statements.compact.run(snapshot, at, name);
    this.statements.deleteFolded.run(name, throughSeq);
  }

  rebuild(name: string, snapshot: Uint8Array, refusal: string, retiredClients: readonly number[], at: string): void {
    this.statements.deleteUpdates.run(name);
    this.statements.rebuild.run(snapshot, refusal, JSON.stringify(retiredClients), at, name);
  }

  setRefusal(name: string, refusal: string | null): void {
    this.statements.setRefusal.run(refusal, name);
  }

  /** Deletes the document with its updates and dropped changes; true when there was one. */
  delete(name: string): boolean {
    this.statements.deleteUpdates.run(name);
    this.statements.deleteDropped.run(name);
    return this.statements.delete.run(name).changes > 0;
  }

  insertDropped(name: string, reason: string, data: Uint8Array, paths: readonly string[], at: string): void {
    this.statements.insertDropped.run(name, reason, data, JSON.stringify(paths), at);
  }

  dropped(name: string): DroppedRow[] {
    return (this.statements.dropped.all(name) as RawDropped[]).map((row) => ({
      id: row.id,
      reason: row.reason,
      data: bytes(row.data),
      paths: JSON.parse(row.paths) as string[],
      droppedAt: row.dropped_at,
    }));
  }
}

function toUpdate(row: RawUpdate): UpdateRow {
  return { seq: row.seq, data: bytes(row.data), origin: row.origin, stored: row.stored === 1, createdAt: row.created_at };
}
