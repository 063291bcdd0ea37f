import type * as Y from 'yjs';
import type { UpdateCoverage } from './update-coverage';

/** A local update the server has not yet confirmed as stored: what the UI shows as "not yet on the server". */
export interface UnstoredUpdate {
  /** Its row in the local database; later updates have higher numbers. */
  readonly seq: number;
  readonly createdAt: string;
  readonly bytes: number;
  readonly coverage: UpdateCoverage;
}

/**
 * One document loaded from the local database. The store writes every update of `doc` to disk
 * before any other listener hears of it; updates whose origin was registered as remote (the sync
 * provider) are kept as the server's, every other one as a local edit awaiting the server.
 */
export class LocalDocument {
  private readonly remoteOrigins = new Set<unknown>();
  private readonly listeners = new Set<() => void>();
  private pending: UnstoredUpdate[];
  private open = true;

  constructor(
    readonly name: string,
    readonly doc: Y.Doc,
    /** How many times the document was rebuilt from the server's state. */
    readonly generation: number,
    /** Client ids that wrote refused changes; updates written under them are refused locally. */
    readonly retiredClients: ReadonlySet<number>,
    private refusalText: string | null,
    unstored: UnstoredUpdate[],
  ) {
    this.pending = unstored;
  }

  get unstored(): readonly UnstoredUpdate[] {
    return this.pending;
  }

  /** Why the server last refused a change here; null when nothing was refused or it was dismissed. */
  get refusal(): string | null {
    return this.refusalText;
  }

  /** False once the store let go of this copy: closed, purged, or replaced by a rebuild. */
  get isOpen(): boolean {
    return this.open;
  }

  /** Updates applied with this origin came from the server: stored as its, never awaiting it. */
  addRemoteOrigin(origin: unknown): void {
    this.remoteOrigins.add(origin);
  }

  removeRemoteOrigin(origin: unknown): void {
    this.remoteOrigins.delete(origin);
  }

  isRemote(origin: unknown): boolean {
    return this.remoteOrigins.has(origin);
  }

  /** Hears of changes to the unstored list and the refusal; returns how to stop. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called by the store: the unstored list after a write or an acknowledgement. */
  setUnstored(unstored: UnstoredUpdate[]): void {
    this.pending = unstored;
    this.changed();
  }

  /** Called by the store. */
  setRefusal(refusal: string | null): void {
    this.refusalText = refusal;
    this.changed();
  }

  /** Called by the store when it lets go of this copy; the Y.Doc is destroyed with it. */
  release(): void {
    if (!this.open) return;
    this.open = false;
    this.listeners.clear();
    this.doc.destroy();
  }

  private changed(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
