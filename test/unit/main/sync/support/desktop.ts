import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DocumentState, PresenceState } from '../../../../../shared/app-api/app-api-contract';
import { DocumentStore } from '../../../../../main/documents/document-store';
import type { DocumentStoreOptions } from '../../../../../main/documents/document-store';
import { openLocalDatabase } from '../../../../../main/store/local-database';
import type { LocalDatabase } from '../../../../../main/store/local-database';
import { SyncManager } from '../../../../../main/sync/sync-manager';
import type { SyncManagerOptions } from '../../../../../main/sync/sync-manager';
import { waitFor } from '../../../sync-server/support/sync-client';

/** Short waits, so tests that take the server away come back quickly. */
export const testBackoff = { baseMs: 40, maxMs: 400 };

/**
 * The main-side services of one desktop: its own SQLite file, document store and sync manager,
 * with every event they emit recorded.
 */
export interface Desktop {
  readonly dir: string;
  readonly dbPath: string;
  readonly db: LocalDatabase;
  readonly store: DocumentStore;
  readonly sync: SyncManager;
  /** Every `documents.state` payload, in order. */
  readonly states: DocumentState[];
  readonly presence: Map<string, PresenceState[]>;
  readonly unauthenticated: { count: number };
  state(name: string): DocumentState;
  /** Waits until the document is on the server with nothing local pending. */
  synced(name: string, timeoutMs?: number): Promise<void>;
  /** Closes everything but keeps the files. */
  close(): void;
  /** Closes everything and removes the files. */
  dispose(): void;
}

export interface DesktopOptions {
  readonly serverUrl: string;
  /** The credential, or how to read the current one. */
  readonly token: string | null | (() => string | null);
  readonly dir?: string;
  readonly storeOptions?: DocumentStoreOptions;
  readonly sync?: Partial<Omit<SyncManagerOptions, 'store' | 'serverUrl' | 'token'>>;
}

export function openDesktop(options: DesktopOptions): Desktop {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'quorum-desktop-'));
  const dbPath = join(dir, 'local.sqlite');
  const db = openLocalDatabase(dbPath);
  const store = new DocumentStore(db, options.storeOptions);
  const given = options.token;
  let token = typeof given === 'function' ? null : given;
  const sync = new SyncManager({
    store,
    serverUrl: options.serverUrl,
    token: typeof given === 'function' ? given : () => token,
    backoff: testBackoff,
    keepAliveMs: 2_000,
    barrierDelayMs: 20,
    fetchTimeoutMs: 5_000,
    ...options.sync,
  });
  const states: DocumentState[] = [];
  const presence = new Map<string, PresenceState[]>();
  const unauthenticated = { count: 0 };
  sync.onState((state) => states.push(state));
  sync.onPresence((name, list) => presence.set(name, list));
  sync.onUnauthenticated(() => {
    unauthenticated.count += 1;
    token = null;
  });
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    sync.stop();
    store.closeAll();
    db.close();
  };
  return {
    dir,
    dbPath,
    db,
    store,
    sync,
    states,
    presence,
    unauthenticated,
    state(name) {
      const state = sync.state(name);
      if (!state) throw new Error(`${name} is not open`);
      return state;
    },
    synced: (name, timeoutMs = 10_000) =>
      waitFor(
        () => {
          const state = sync.state(name);
          return state?.status === 'synced' && state.unstored === 0;
        },
        timeoutMs,
        `${name} synced`,
      ),
    close,
    dispose() {
      close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
