import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';
import type { AppEventName, AppMethodName } from '../../shared/app-api/app-api-contract';
import { appEventNames, appMethodNames } from '../../shared/app-api/app-api-contract';
import type { AppBridge } from '../../shared/app-api/app-bridge';
import { appBridgeKey, appEventChannel, invokeChannel } from '../../shared/app-api/app-bridge';
import type { AppResult } from '../../shared/app-api/app-result';
import { fail } from '../../shared/app-api/app-result';

/*
 * The only thing the page gets from Electron: the app API transport as `window.quorum`. No
 * ipcRenderer, no generic send: a call names a method of the contract and goes to that method's
 * own channel, and events arrive already split into name and payload.
 */

const methods: ReadonlySet<string> = new Set(appMethodNames);
const events: ReadonlySet<string> = new Set(appEventNames);

const bridge = {
  async invoke(method: AppMethodName, input: unknown): Promise<AppResult<unknown>> {
    if (typeof method !== 'string' || !methods.has(method)) return fail('bad_request', 'Unknown method.');
    try {
      return (await ipcRenderer.invoke(invokeChannel(method), input)) as AppResult<unknown>;
    } catch {
      return fail('internal', 'The app did not answer.');
    }
  },
  subscribe(listener: (event: AppEventName, payload: unknown) => void): () => void {
    const handler = (_event: IpcRendererEvent, name: unknown, payload: unknown) => {
      if (typeof name === 'string' && events.has(name)) listener(name as AppEventName, payload);
    };
    ipcRenderer.on(appEventChannel, handler);
    return () => {
      ipcRenderer.removeListener(appEventChannel, handler);
    };
  },
} satisfies AppBridge;

contextBridge.exposeInMainWorld(appBridgeKey, bridge);
