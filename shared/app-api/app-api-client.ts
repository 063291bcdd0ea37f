import type { AppEventName, AppEventPayload, AppMethodName } from './app-api-contract';
import { appMethodNames } from './app-api-contract';
import type { AppApiClient } from './app-api-types';
import type { AppResult } from './app-result';

/** How a shell carries the contract: a call by method name, and a stream of events. */
export interface AppTransport {
  invoke(method: AppMethodName, input: unknown): Promise<AppResult<unknown>>;
  subscribe(listener: (event: AppEventName, payload: unknown) => void): () => void;
}

/** The typed client both renderers (Electron and web) and tests use, over any transport. */
export function createAppApiClient(transport: AppTransport): AppApiClient {
  const listeners = new Map<AppEventName, Set<(payload: unknown) => void>>();
  transport.subscribe((event, payload) => {
    for (const listener of listeners.get(event) ?? []) listener(payload);
  });
  const methods: Record<string, unknown> = Object.fromEntries(
    appMethodNames.map((method) => [method, (input: unknown) => transport.invoke(method, input)]),
  );
  const on = <E extends AppEventName>(event: E, listener: (payload: AppEventPayload<E>) => void) => {
    const set = listeners.get(event) ?? new Set();
    const wrapped = listener as (payload: unknown) => void;
    set.add(wrapped);
    listeners.set(event, set);
    return () => {
      set.delete(wrapped);
    };
  };
  // Each method forwards its own name, so the mapped type holds by construction.
  return { ...methods, on } as unknown as AppApiClient;
}
