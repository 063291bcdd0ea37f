/**
 * Whether the sync server answers, as last seen by anything that talked to it (the change feed
 * puller, a REST call). `null` until something has tried: then calls are attempted rather than
 * refused. Listeners hear each change, so the outbox can be replayed the moment the server is
 * back.
 */
export interface Connectivity {
  readonly online: boolean | null;
  report(online: boolean): void;
  reset(): void;
  onChange(listener: (online: boolean) => void): () => void;
}

export function createConnectivity(): Connectivity {
  let online: boolean | null = null;
  const listeners = new Set<(online: boolean) => void>();
  return {
    get online() {
      return online;
    },
    report(next) {
      if (online === next) return;
      online = next;
      for (const listener of listeners) listener(next);
    },
    reset() {
      online = null;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
