import WebSocket from 'ws';
import { Awareness } from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { messageType } from '../../shared/sync/sync-protocol';
import { syncSocketUrl } from './sync-messages';

export interface ServerStateRequest {
  readonly serverUrl: string;
  readonly token: string;
  readonly name: string;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
}

export type ServerStateResult =
  | { readonly ok: true; readonly state: Uint8Array }
  /** `code` is the socket's close code, null when it never closed (a timeout or an abort). */
  | { readonly ok: false; readonly code: number | null; readonly reason: string };

/** ws in Node, in the shape y-websocket expects of a browser WebSocket. */
export const NodeWebSocket = WebSocket as unknown as typeof globalThis.WebSocket;

/**
 * The server's state of a document, fetched into an empty document over a connection of its own:
 * nothing local is offered, so nothing the server refused can be sent again, and no presence is
 * announced.
 */
export function fetchServerState(request: ServerStateRequest): Promise<ServerStateResult> {
  const doc = new Y.Doc();
  const awareness = new Awareness(doc);
  awareness.setLocalState(null);
  const provider = new WebsocketProvider(syncSocketUrl(request.serverUrl), request.name, doc, {
    connect: false,
    awareness,
    params: { token: request.token },
    disableBc: true,
    WebSocketPolyfill: NodeWebSocket,
    shouldReconnect: () => false,
  });
  process.off('exit', provider._exitHandler);
  // The server acknowledges the empty answer to its sync step; neither message matters here.
  provider.messageHandlers[messageType.stored] = () => undefined;
  provider.messageHandlers[messageType.refused] = () => undefined;
  return new Promise<ServerStateResult>((resolve) => {
    let settled = false;
    const finish = (result: ServerStateResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', abort);
      provider.destroy();
      awareness.destroy();
      doc.destroy();
      resolve(result);
    };
    const abort = () => finish({ ok: false, code: null, reason: 'cancelled' });
    const timer = setTimeout(() => finish({ ok: false, code: null, reason: 'timed out' }), request.timeoutMs);
    provider.on('sync', (synced: boolean) => {
      if (synced) finish({ ok: true, state: Y.encodeStateAsUpdate(doc) });
    });
    provider.on('connection-close', (event) => finish({ ok: false, code: event?.code ?? null, reason: event?.reason || 'connection closed' }));
    if (request.signal?.aborted) return abort();
    request.signal?.addEventListener('abort', abort);
    provider.connect();
  });
}
