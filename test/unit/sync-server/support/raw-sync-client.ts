import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { decodeSyncMessage, encodeSyncMessage } from '../../../../shared/sync/sync-codec';
import type { SyncMessage } from '../../../../shared/sync/sync-codec';
import { syncUrl, waitFor } from './sync-client';

/**
 * A client that speaks the sync protocol by hand (ws and the shared codec, no provider), so a test can send exactly the bytes it wants: updates a provider would never make,
 * foreign client ids, broken frames. It keeps a mirror of the server's document, built only from
 * what the server sent, to compute updates against.
 */
export interface RawClient {
  readonly ws: WebSocket;
  /** The server's document as this client has seen it: its initial state and every broadcast since. */
  readonly mirror: Y.Doc;
  readonly refusals: string[];
  /** Updates broadcast to this client after its initial sync. */
  readonly broadcasts: Uint8Array[];
  /** Awareness updates received, raw. */
  readonly awareness: Uint8Array[];
  /** The server's notices that the change feed advanced. */
  readonly directoryChanges: Extract<SyncMessage, { type: 'directory-changed' }>[];
  /** How many times the server sent its state vector (sync step 1), asking for what it lacks. */
  stateRequests: number;
  /** The latest `stored` state vector. */
  stored: Map<number, number> | undefined;
  /** Set once the socket closed. */
  closed: { code: number; reason: string } | undefined;
  /** Set when the server refused the upgrade with an HTTP status. */
  rejected: number | undefined;
  /** Resolves once the socket opened and the server's full state arrived (step 2). */
  synced(timeoutMs?: number): Promise<void>;
  /** Resolves with the close code and reason once the socket closed. */
  whenClosed(timeoutMs?: number): Promise<{ code: number; reason: string }>;
  /** Sends bytes as they are: a binary frame, or a text frame for a string. */
  send(data: Uint8Array | string): void;
  /** Sends `[0][2][update]`, an update as y-websocket sends one. */
  sendUpdate(update: Uint8Array): void;
  /** Sends `[0][1][update]`, an update as the answer to the server's state vector. */
  sendStep2(update: Uint8Array): void;
  /** Sends `[1][update]`, an awareness update. */
  sendAwareness(update: Uint8Array): void;
  /**
   * The update that `edit` makes to a copy of the mirror under Yjs client id `clientId`. The
   * mirror itself is not changed, so it keeps showing only what the server sent.
   */
  forge(edit: (doc: Y.Doc) => void, clientId?: number): Uint8Array;
  /** `forge`, then `sendUpdate`; returns the update. */
  write(edit: (doc: Y.Doc) => void, clientId?: number): Uint8Array;
  close(): void;
}

export function rawUrl(httpUrl: string, docName: string, token: string | undefined): string {
  const query = token === undefined ? '' : `?token=${encodeURIComponent(token)}`;
  return `${syncUrl(httpUrl)}/${docName}${query}`;
}

/** `[1][update]` as a frame. */
export function awarenessFrame(update: Uint8Array): Uint8Array {
  return encodeSyncMessage({ type: 'awareness', update });
}

/** `[0][2][update]` as a frame. */
export function updateFrame(update: Uint8Array): Uint8Array {
  return encodeSyncMessage({ type: 'update', update });
}

/** An awareness update by hand: y-protocols' encoding of (client, clock, JSON state) triples. */
export function encodeAwareness(entries: readonly { client: number; clock: number; state: unknown }[]): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(e, entry.client);
    encoding.writeVarUint(e, entry.clock);
    encoding.writeVarString(e, JSON.stringify(entry.state));
  }
  return encoding.toUint8Array(e);
}

/**
 * Opens a raw socket on `docName`. `url` may replace the whole address, for names a test must
 * send exactly as written.
 */
export function rawConnect(httpUrl: string, docName: string, token: string | undefined, url = rawUrl(httpUrl, docName, token)): RawClient {
  const ws = new WebSocket(url, { perMessageDeflate: false });
  const mirror = new Y.Doc();
  let initial = false;
  const client: RawClient = {
    ws,
    mirror,
    refusals: [],
    broadcasts: [],
    awareness: [],
    directoryChanges: [],
    stateRequests: 0,
    stored: undefined,
    closed: undefined,
    rejected: undefined,
    synced: (timeoutMs = 5000) => waitFor(() => initial || client.closed !== undefined || client.rejected !== undefined, timeoutMs, 'raw client sync').then(() => {
      if (!initial) throw new Error(`raw client not synced: ${JSON.stringify(client.closed ?? client.rejected)}`);
    }),
    whenClosed: (timeoutMs = 5000) =>
      waitFor(() => client.closed !== undefined, timeoutMs, 'raw client close').then(() => client.closed as { code: number; reason: string }),
    send: (data) => ws.send(data, { binary: typeof data !== 'string' }),
    sendUpdate: (update) => client.send(updateFrame(update)),
    sendStep2: (update) => client.send(encodeSyncMessage({ type: 'sync-step-2', update })),
    sendAwareness: (update) => client.send(awarenessFrame(update)),
    forge(edit, clientId) {
      const copy = new Y.Doc();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(mirror));
      // Set after loading: Yjs moves a document off a client id it sees in use.
      if (clientId !== undefined) copy.clientID = clientId;
      const before = Y.encodeStateVector(copy);
      edit(copy);
      const update = Y.encodeStateAsUpdate(copy, before);
      copy.destroy();
      return update;
    },
    write(edit, clientId) {
      const update = client.forge(edit, clientId);
      client.sendUpdate(update);
      return update;
    },
    close: () => ws.close(),
  };
  ws.on('open', () => {
    // Ask for the server's whole state, as a provider does on connect.
    ws.send(encodeSyncMessage({ type: 'sync-step-1', stateVector: Y.encodeStateVector(new Y.Doc()) }));
  });
  ws.on('message', (data: Buffer) => {
    const message = decodeSyncMessage(new Uint8Array(data));
    switch (message.type) {
      case 'sync-step-1':
        // Answered as a provider answers: with what the mirror has beyond the server's state.
        client.stateRequests += 1;
        client.sendStep2(Y.encodeStateAsUpdate(mirror, message.stateVector));
        return;
      case 'sync-step-2':
        Y.applyUpdate(mirror, message.update);
        initial = true;
        return;
      case 'update':
        Y.applyUpdate(mirror, message.update);
        client.broadcasts.push(message.update);
        return;
      case 'awareness':
        client.awareness.push(message.update);
        return;
      case 'stored':
        client.stored = Y.decodeStateVector(message.stateVector);
        return;
      case 'refused':
        client.refusals.push(message.reason);
        return;
      case 'directory-changed':
        client.directoryChanges.push(message);
        return;
      case 'query-awareness':
        throw new Error('the server asked for presence, which it never does');
    }
  });
  ws.on('close', (code, reason) => {
    client.closed ??= { code, reason: reason.toString() };
  });
  ws.on('unexpected-response', (_request, response) => {
    client.rejected = response.statusCode ?? 0;
    client.closed = { code: 0, reason: `HTTP ${response.statusCode ?? 0}` };
    ws.terminate();
  });
  ws.on('error', () => {
    // Reported through `closed` or `rejected`; an unhandled error event would end the test process.
  });
  return client;
}
