import { randomInt } from 'node:crypto';
import * as Y from 'yjs';
import type { LocalDatabase } from '../store/local-database';
import { changePaths } from './change-paths';
import { DocumentRepository } from './document-repository';
import type { UpdateRow } from './document-repository';
import { LocalDocument } from './local-document';
import type { UnstoredUpdate } from './local-document';
import { coverageOf, isContainedIn, isCoveredBy } from './update-coverage';

export interface DocumentStoreOptions {
  /** Stored updates after which a document is folded into a new snapshot. */
  readonly compactAfterUpdates?: number;
  readonly now?: () => Date;
}

/** Local changes a rebuild dropped, with why: what the user is shown as "not accepted". */
export interface StoredDroppedChange {
  readonly id: number;
  readonly reason: string;
  readonly paths: readonly string[];
  readonly droppedAt: string;
  /** The dropped updates merged into one. */
  readonly update: Uint8Array;
}

/** Per open document: how to stop recording it, and how much was written since the last snapshot. */
interface Entry {
  readonly local: LocalDocument;
  readonly stopRecording: () => void;
  sinceCompaction: number;
  compactionScheduled: boolean;
  /** The server's updates waiting for the next write; losing them in a crash costs one resync. */
  remote: Uint8Array[];
}

/** The origin of updates replayed from disk, which are already stored. */
const fromDisk = Symbol('from-disk');

const updateSeq = (row: UpdateRow): UnstoredUpdate => ({ seq: row.seq, createdAt: row.createdAt, bytes: row.data.byteLength, coverage: coverageOf(row.data) });

/**
 * Yjs documents in the local database, loaded on demand. A local edit is written synchronously, in
 * its own transaction; it stays listed as unstored until the server confirms it. A document its
 * sync connection took over (`takeOver`) is recorded through `write`, which the connection calls
 * before it sends anything; one read or edited alone is recorded by the store's own listener. The
 * server's updates are written too, batched per tick, so the replica is complete offline.
 * Documents are folded into a snapshot every `compactAfterUpdates` writes and when closed.
 */
export class DocumentStore {
  private readonly repo: DocumentRepository;
  private readonly entries = new Map<string, Entry>();
  private readonly compactAfter: number;
  private readonly now: () => Date;
  private flushScheduled = false;

  constructor(db: LocalDatabase, options: DocumentStoreOptions = {}) {
    this.repo = new DocumentRepository(db);
    this.compactAfter = options.compactAfterUpdates ?? 200;
    this.now = options.now ?? (() => new Date());
  }

  /** The document, loaded from disk the first time (an empty one if it was never stored). */
  open(name: string): LocalDocument {
    return this.entries.get(name)?.local ?? this.load(name);
  }

  /**
   * The document, recorded by its caller from now on: the store stops listening to it, and the
   * caller passes every update to `write` itself, in the order it decides (a sync connection stores
   * a local edit before it sends it). A `reset` loads a new copy, which is taken over again.
   */
  takeOver(name: string): LocalDocument {
    const local = this.open(name);
    this.entries.get(name)?.stopRecording();
    return local;
  }

  /**
   * Records an update of a document taken over with `takeOver`. A local edit is on disk, in its own
   * transaction, when this returns; the server's updates (`remote`) are written batched per tick.
   */
  write(name: string, update: Uint8Array, remote: boolean): void {
    const entry = this.entries.get(name);
    if (entry === undefined) throw new Error(`document ${name} is not open`);
    if (remote) {
      entry.remote.push(update);
      this.scheduleFlush();
    } else {
      this.recordLocal(entry, update);
    }
  }

  /** The document if it is loaded, without loading it. */
  loaded(name: string): LocalDocument | undefined {
    return this.entries.get(name)?.local;
  }

  /** Whether the local database holds the document. */
  has(name: string): boolean {
    return this.repo.get(name) !== undefined;
  }

  names(): string[] {
    return this.repo.names();
  }

  /** The local updates the server has not confirmed, oldest first; read from disk for a closed document. */
  unstored(name: string): readonly UnstoredUpdate[] {
    return this.entries.get(name)?.local.unstored ?? this.repo.unstored(name).map(updateSeq);
  }

  /** The server's stored state vector arrived: local updates it covers are no longer unstored. */
  acknowledge(name: string, stateVector: ReadonlyMap<number, number>): number {
    return this.settle(name, (update) => isCoveredBy(update.coverage, stateVector));
  }

  /**
   * Everything up to local update `seq` is stored: the server answered a request it handles only
   * after storing what was sent before it. Settles updates that only delete, which a state vector
   * cannot confirm.
   */
  acknowledgeThrough(name: string, seq: number): number {
    return this.settle(name, (update) => update.seq <= seq);
  }

  /** Folds everything into one snapshot, keeping local updates the server has not confirmed. */
  compact(name: string): void {
    const entry = this.entries.get(name);
    if (!entry) return;
    this.flush(entry);
    const snapshot = Y.encodeStateAsUpdate(entry.local.doc);
    const at = this.now().toISOString();
    this.repo.db.transaction(() => this.repo.compact(name, snapshot, this.repo.lastSeq(name), at))();
    entry.sinceCompaction = 0;
  }

  /** Writes what is pending, compacts, and lets go of the document in memory. */
  close(name: string): void {
    const entry = this.entries.get(name);
    if (!entry) return;
    if (entry.sinceCompaction > 0 || entry.remote.length > 0) this.compact(name);
    this.release(name, entry);
  }

  closeAll(): void {
    for (const name of [...this.entries.keys()]) this.close(name);
  }

  /** Removes the document entirely, from memory and disk: access to it ended. */
  purge(name: string): boolean {
    const entry = this.entries.get(name);
    if (entry) this.release(name, entry);
    return this.repo.db.transaction(() => this.repo.delete(name))();
  }

  /**
   * Replaces the document with the server's state after the server refused a change. Local updates
   * the server does not hold are dropped and recorded with `reason`; the client ids that wrote
   * them are retired, and the new copy writes under a client id never used in it. Returns the new
   * copy; the previous one is released.
   */
  reset(name: string, serverState: Uint8Array, reason: string): LocalDocument {
    const entry = this.entries.get(name);
    if (entry) this.flush(entry);
    const at = this.now().toISOString();
    const server = new Y.Doc();
    try {
      Y.applyUpdate(server, serverState);
      this.repo.db.transaction(() => {
        this.repo.ensure(name, at);
        const row = this.repo.get(name);
        const unstored = this.repo.unstored(name);
        const retired = new Set(row?.retiredClients ?? []);
        for (const update of unstored) for (const client of coverageOf(update.data).clocks.keys()) retired.add(client);
        if (entry) retired.add(entry.local.doc.clientID);
        const dropped = unstored.filter((update) => !isContainedIn(update.data, server)).map((update) => update.data);
        this.repo.rebuild(name, serverState, reason, [...retired].sort((a, b) => a - b), at);
        if (dropped.length > 0) {
          const merged = Y.mergeUpdates(dropped);
          this.repo.insertDropped(name, reason, merged, changePaths(server, merged), at);
        }
      })();
    } finally {
      server.destroy();
    }
    if (entry) this.release(name, entry);
    return this.load(name);
  }

  /** What rebuilds dropped, oldest first. */
  dropped(name: string): StoredDroppedChange[] {
    return this.repo.dropped(name).map((row) => ({ id: row.id, reason: row.reason, paths: row.paths, droppedAt: row.droppedAt, update: row.data }));
  }

  /** The user has seen why the server refused a change: the reason is no longer shown. */
  dismissRefusal(name: string): void {
    this.repo.setRefusal(name, null);
    this.entries.get(name)?.local.setRefusal(null);
  }

  private load(name: string): LocalDocument {
    this.repo.ensure(name, this.now().toISOString());
    const row = this.repo.get(name);
    if (!row) throw new Error(`document ${name} could not be stored`);
    const updates = this.repo.updates(name);
    const doc = new Y.Doc();
    doc.transact(() => {
      if (row.snapshot) Y.applyUpdate(doc, row.snapshot, fromDisk);
      for (const update of updates) Y.applyUpdate(doc, update.data, fromDisk);
    }, fromDisk);
    const retired = new Set(row.retiredClients);
    // Each load writes under a fresh client id; one that wrote refused changes is never reused.
    while (retired.has(doc.clientID) || Y.getState(doc.store, doc.clientID) > 0) doc.clientID = randomInt(1, 2 ** 32 - 1);
    const unstored = updates.filter((update) => update.origin === 'local' && !update.stored).map(updateSeq);
    const local = new LocalDocument(name, doc, row.generation, retired, row.refusal, unstored);
    const record = (update: Uint8Array, origin: unknown) => this.record(entry, update, origin);
    doc.on('update', record);
    const entry: Entry = { local, stopRecording: () => doc.off('update', record), sinceCompaction: updates.length, compactionScheduled: false, remote: [] };
    this.entries.set(name, entry);
    return local;
  }

  private record(entry: Entry, update: Uint8Array, origin: unknown): void {
    if (entry.local.isRemote(origin)) {
      entry.remote.push(update);
      this.scheduleFlush();
      return;
    }
    this.recordLocal(entry, update);
  }

  private recordLocal(entry: Entry, update: Uint8Array): void {
    const at = this.now().toISOString();
    // The server's updates this edit may build on go to disk first, in the same transaction.
    const seq = this.repo.db.transaction(() => {
      this.writeRemote(entry);
      return this.repo.insertUpdate(entry.local.name, update, 'local', at);
    })();
    entry.sinceCompaction += 1;
    entry.local.setUnstored([...entry.local.unstored, { seq, createdAt: at, bytes: update.byteLength, coverage: coverageOf(update) }]);
    this.scheduleCompaction(entry);
  }

  private settle(name: string, covered: (update: UnstoredUpdate) => boolean): number {
    const local = this.entries.get(name)?.local;
    if (!local) return 0;
    const settled = local.unstored.filter(covered);
    if (settled.length === 0) return 0;
    this.repo.db.transaction(() => {
      for (const update of settled) this.repo.markStored(name, update.seq);
    })();
    local.setUnstored(local.unstored.filter((update) => !covered(update)));
    return settled.length;
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      for (const entry of this.entries.values()) if (entry.remote.length > 0) this.flush(entry);
    });
  }

  private flush(entry: Entry): void {
    if (entry.remote.length === 0) return;
    this.repo.db.transaction(() => this.writeRemote(entry))();
    this.scheduleCompaction(entry);
  }

  /** Inside a transaction: the server's pending updates as one row. */
  private writeRemote(entry: Entry): void {
    if (entry.remote.length === 0) return;
    const merged = entry.remote.length === 1 ? entry.remote[0]! : Y.mergeUpdates(entry.remote);
    entry.remote = [];
    this.repo.insertUpdate(entry.local.name, merged, 'remote', this.now().toISOString());
    entry.sinceCompaction += 1;
  }

  private scheduleCompaction(entry: Entry): void {
    if (entry.sinceCompaction < this.compactAfter || entry.compactionScheduled) return;
    entry.compactionScheduled = true;
    setImmediate(() => {
      entry.compactionScheduled = false;
      if (this.entries.get(entry.local.name) === entry && entry.sinceCompaction >= this.compactAfter) this.compact(entry.local.name);
    });
  }

  private release(name: string, entry: Entry): void {
    entry.stopRecording();
    this.entries.delete(name);
    entry.local.release();
  }
}
