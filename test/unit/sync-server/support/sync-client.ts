import * as decoding from 'lib0/decoding';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { messageType } from '../../../../shared/sync/sync-protocol';

/** A real y-websocket provider in Node, with Quorum's stored and refused messages wired in. */
export interface SyncClient {
  readonly doc: Y.Doc;
  readonly provider: WebsocketProvider;
  /** The server's stored state vector from the latest `stored` message. */
  stored: Map<number, number>;
  readonly refusals: string[];
  readonly closes: { code: number; reason: string }[];
  synced(): Promise<void>;
  /** Resolves once the server says every local change so far is stored. */
  storedAll(timeoutMs?: number): Promise<void>;
  destroy(): void;
}

export function syncUrl(httpUrl: string): string {
  return `${httpUrl.replace(/^http/, 'ws')}/api/v1/sync`;
}

export async function waitFor(predicate: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export function connect(httpUrl: string, docName: string, token: string, doc = new Y.Doc()): SyncClient {
  const provider = new WebsocketProvider(syncUrl(httpUrl), docName, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { token },
    maxBackoffTime: 200,
    disableBc: true,
  });
  const client: SyncClient = {
    doc,
    provider,
    stored: new Map(),
    refusals: [],
    closes: [],
    synced: () =>
      new Promise<void>((resolve) => {
        if (provider.synced) resolve();
        else provider.once('sync', () => resolve());
      }),
    storedAll: (timeoutMs = 5000) =>
      waitFor(
        () => [...Y.decodeStateVector(Y.encodeStateVector(doc))].every(([c, clock]) => c !== doc.clientID || (client.stored.get(c) ?? 0) >= clock),
        timeoutMs,
        'stored acknowledgement',
      ),
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
  provider.messageHandlers[messageType.stored] = (_encoder, decoder) => {
    client.stored = Y.decodeStateVector(decoding.readVarUint8Array(decoder));
  };
  provider.messageHandlers[messageType.refused] = (_encoder, decoder) => {
    client.refusals.push(decoding.readVarString(decoder));
  };
  provider.on('connection-close', (event) => {
    if (event) client.closes.push({ code: event.code, reason: event.reason });
  });
  return client;
}
