import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppEventName, AppEventPayload, MyRoles } from '../../../../shared/app-api/app-api-contract';
import { AccessSummary } from '../../../../shared/rest/auth-endpoints';
import { createAppServices } from '../../../../main/app/app-services';
import type { AppServices } from '../../../../main/app/app-services';
import type { AccountContext, DirectoryReplicaPort, DocumentSyncPort, LocalModules } from '../../../../main/app/ports';
import { createFileSecretStore } from '../../../../main/session/file-secret-store';
import type { SecretStore } from '../../../../main/session/secret-store';
import { openLocalDatabase } from '../../../../main/store/local-database';
import type { LocalDatabase } from '../../../../main/store/local-database';

/** A switchable network: while `up` is false every call fails as a dead connection does. */
export interface Network {
  up: boolean;
  calls: number;
  /** Lets this many more calls through, then goes down. */
  cutAfter(calls: number): void;
  readonly fetch: typeof fetch;
}

export function createNetwork(): Network {
  let allowance: number | null = null;
  const network: Network = {
    up: true,
    calls: 0,
    cutAfter(calls) {
      allowance = calls;
    },
    fetch: (input, init) => {
      network.calls += 1;
      if (allowance !== null) {
        if (allowance === 0) network.up = false;
        allowance = allowance === 0 ? null : allowance - 1;
      }
      return network.up ? fetch(input, init) : Promise.reject(new TypeError('fetch failed'));
    },
  };
  return network;
}

const noRoles: MyRoles = { orgRole: null, projects: {}, workgroups: {} };

/**
 * A replica that keeps only the caller's roles, fetched from the real server: enough for the
 * client-side policy, and independent of the replica's own tests.
 */
function rolesOnlyReplica(context: AccountContext): DirectoryReplicaPort {
  let roles = noRoles;
  const statusListeners = new Set<(status: { online: boolean; unauthenticated: boolean }) => void>();
  const pull = async () => {
    const doFetch = context.fetch ?? fetch;
    try {
      const response = await doFetch(`${context.serverUrl}/api/v1/auth/access`, { headers: { authorization: `Bearer ${context.token() ?? ''}` } });
      const parsed = AccessSummary.safeParse(await response.json());
      if (parsed.success) roles = parsed.data;
      for (const listener of statusListeners) listener({ online: true, unauthenticated: response.status === 401 });
      return { ok: true } as const;
    } catch {
      for (const listener of statusListeners) listener({ online: false, unauthenticated: false });
      return { ok: false, reason: 'offline', message: 'offline' } as const;
    }
  };
  return {
    list: () => [],
    get: () => undefined,
    myRoles: () => roles,
    search: () => [],
    indexConversation: () => false,
    lastSyncAt: () => null,
    start: () => void pull(),
    pull,
    notified: () => void pull(),
    stop: () => Promise.resolve(),
    onChange: () => () => undefined,
    onStatus: (listener) => {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
  };
}

function noDocuments(): DocumentSyncPort {
  const none = () => () => undefined;
  return {
    open: () => Promise.reject(new Error('no documents in these tests')),
    update: () => Promise.resolve(),
    close: () => Promise.resolve(),
    document: () => {
      throw new Error('no documents in these tests');
    },
    localEdit: () => undefined,
    setPresence: () => undefined,
    states: () => [],
    dropped: () => [],
    dismissRefusal: () => undefined,
    purge: () => Promise.resolve(),
    reconnect: () => undefined,
    stop: () => Promise.resolve(),
    onUpdate: none,
    onState: none,
    onPresence: none,
    onUnauthenticated: none,
    onDirectoryNotice: none,
    onReachable: none,
  };
}

export const testModules: LocalModules = {
  openReplica: rolesOnlyReplica,
  openDocuments: noDocuments,
  purgeAll: () => undefined,
};

export interface AppHarness {
  readonly dir: string;
  readonly db: LocalDatabase;
  readonly secrets: SecretStore;
  readonly services: AppServices;
  readonly events: { event: AppEventName; payload: unknown }[];
  eventsOf<E extends AppEventName>(event: E): AppEventPayload<E>[];
  /** Closes the app, keeping its directory (a restart opens it again). */
  close(): Promise<void>;
  dispose(): Promise<void>;
}

export interface HarnessOptions {
  readonly dir?: string;
  readonly fetch?: typeof fetch;
  readonly embeddedUrl?: string | null;
  readonly modules?: LocalModules;
}

/** The app services on a fresh (or given) data directory, recording every event they emit. */
export async function openApp(options: HarnessOptions = {}): Promise<AppHarness> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'quorum-app-'));
  const db = openLocalDatabase(join(dir, 'quorum.sqlite'));
  const secrets = createFileSecretStore(join(dir, 'secrets.json'));
  const events: { event: AppEventName; payload: unknown }[] = [];
  const services = createAppServices({
    db,
    secrets,
    modules: options.modules ?? testModules,
    embeddedUrl: options.embeddedUrl ?? null,
    emit: (event, payload) => events.push({ event, payload }),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    log: (message, error) => {
      throw new Error(`${message} ${String(error)}`);
    },
  });
  await services.start();
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await services.stop();
    db.close();
  };
  return {
    dir,
    db,
    secrets,
    services,
    events,
    eventsOf: <E extends AppEventName>(event: E) => events.filter((e) => e.event === event).map((e) => e.payload as AppEventPayload<E>),
    close,
    async dispose() {
      await close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
