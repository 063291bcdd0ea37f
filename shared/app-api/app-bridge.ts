import type { AppMethodName } from './app-api-contract';
import type { AppTransport } from './app-api-client';
import { appChannelPrefix } from './app-api-types';

/*
 * How the Electron shell carries the contract. The preload exposes exactly an `AppTransport` as
 * `window.quorum`, which the renderer wraps with `createAppApiClient`; nothing else of Electron
 * reaches the page. Each method travels on its own `quorum:` channel, events on one.
 */

/** The name the preload exposes the bridge under: `window.quorum`. */
export const appBridgeKey = 'quorum';

/** What `window.quorum` is in the Electron shell. */
export type AppBridge = AppTransport;

/** The IPC channel of one method. */
export function invokeChannel(method: AppMethodName): string {
  return `${appChannelPrefix}${method}`;
}

/** The IPC channel main sends events on: `(event name, payload)`. */
export const appEventChannel = `${appChannelPrefix}event`;
