import type { z } from 'zod';
import type { AppEventName, AppEventPayload, AppMethodInput, AppMethodName, AppMethodOutput, AppMethods } from './app-api-contract';
import type { AppResult } from './app-result';

/** What the renderer holds: every method as a promise of a result, and a way to hear events. */
export type AppApiClient = {
  readonly [M in AppMethodName]: (input: AppMethodInput<M>) => Promise<AppResult<AppMethodOutput<M>>>;
} & {
  on<E extends AppEventName>(event: E, listener: (payload: AppEventPayload<E>) => void): () => void;
};

/** What main implements: each handler receives its input already parsed with the contract's schema. */
export type AppApiHandlers = {
  readonly [M in AppMethodName]: (input: z.output<AppMethods[M]['input']>) => Promise<AppMethodOutput<M>> | AppMethodOutput<M>;
};

/** How main tells the renderer something happened. */
export type AppEventSink = <E extends AppEventName>(event: E, payload: AppEventPayload<E>) => void;

/** The IPC channel prefix: main accepts invokes only on these channels. */
export const appChannelPrefix = 'quorum:';
