import type { z } from 'zod';
import type { ReplicatedKind } from '../rest/change-endpoints';
import type { EndpointKey } from '../rest/api-contract';
import type {
  AppEventName,
  AppEventPayload,
  AppMethodInput,
  AppMethodName,
  AppMethodOutput,
  AppMethods,
  DirectoryAnswer,
  DirectoryList,
  DirectoryListAnswer,
  DirectoryRequest,
} from './app-api-contract';
import type { AppResult } from './app-result';

/** What the renderer holds: every method as a promise of a result, and a way to hear events. */
export type AppApiClient = {
  readonly [M in Exclude<AppMethodName, 'directory.request' | 'directory.list'>]: (input: AppMethodInput<M>) => Promise<AppResult<AppMethodOutput<M>>>;
} & {
  readonly 'directory.request': <K extends EndpointKey>(input: DirectoryRequest<K>) => Promise<AppResult<DirectoryAnswer<K>>>;
  readonly 'directory.list': <K extends ReplicatedKind>(input: DirectoryList<K>) => Promise<AppResult<DirectoryListAnswer<K>>>;
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
