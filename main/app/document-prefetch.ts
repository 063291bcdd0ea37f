import { documentName } from '../../shared/sync/document-name';
import type { DocumentSyncPort, DirectoryReplicaPort } from './ports';

export interface PrefetchOptions {
  /** Documents synced at the same time in the background. */
  readonly concurrency?: number;
  /** How long one document may take to reach `synced` before it is left for the next round. */
  readonly timeoutMs?: number;
  /** How often every readable document is brought up to date while online. */
  readonly refreshMs?: number;
}

/**
 * Keeps a local copy of every document the user may read, not only the ones open on screen, so a
 * conversation never opened can still be read on the train: each project and conversation the
 * replica lists is opened in the background, synced, and closed again, a few at a time. After the
 * first round, a change of the directory fetches only the documents it names (`fetch`).
 */
export class DocumentPrefetcher {
  private readonly concurrency: number;
  private readonly timeoutMs: number;
  private readonly refreshMs: number;
  private running: Promise<void> | undefined;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly replica: DirectoryReplicaPort,
    private readonly documents: DocumentSyncPort,
    options: PrefetchOptions = {},
  ) {
    this.concurrency = options.concurrency ?? 3;
    this.timeoutMs = options.timeoutMs ?? 20_000;
    this.refreshMs = options.refreshMs ?? 5 * 60_000;
  }

  /** Every document name the replica says this user may read. */
  readable(): string[] {
    return [
      ...this.replica.list('project').map((project) => documentName('project', project.id)),
      ...this.replica.list('conversation').map((conversation) => documentName('conversation', conversation.id)),
    ];
  }

  /** Syncs these documents once, those still readable, a few at a time, beside any round under way. */
  async fetch(names: readonly string[]): Promise<void> {
    if (this.stopped) return;
    const readable = new Set(this.readable());
    await this.syncAll(names.filter((name) => readable.has(name)));
  }

  /** Syncs every readable document once; a call during a round asks for one more round after it. */
  run(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.round().finally(() => {
      this.running = undefined;
      if (this.again && !this.stopped) {
        this.again = false;
        void this.run();
      } else {
        this.schedule();
      }
    });
    return this.running;
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.run(), this.refreshMs);
    this.timer.unref();
  }

  private round(): Promise<void> {
    return this.syncAll(this.readable());
  }

  private async syncAll(names: readonly string[]): Promise<void> {
    const queue = [...names];
    const worker = async () => {
      for (let name = queue.shift(); name !== undefined && !this.stopped; name = queue.shift()) await this.syncOnce(name);
    };
    await Promise.all(Array.from({ length: this.concurrency }, worker));
  }

  private async syncOnce(name: string): Promise<void> {
    let unsubscribe: (() => void) | undefined;
    let timer: NodeJS.Timeout | undefined;
    try {
      const synced = new Promise<void>((resolve) => {
        unsubscribe = this.documents.onState((state) => {
          if (state.name === name && state.status !== 'syncing') resolve();
        });
        timer = setTimeout(resolve, this.timeoutMs);
        timer.unref();
      });
      const opened = await this.documents.open(name);
      if (opened.state.status !== 'syncing') return;
      await synced;
    } catch {
      // Access just went away, or the document was purged meanwhile: nothing to keep.
    } finally {
      unsubscribe?.();
      if (timer) clearTimeout(timer);
      await this.documents.close(name).catch(() => undefined);
    }
  }
}
