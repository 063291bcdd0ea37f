import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { messageType } from '../../../shared/sync/sync-protocol';

export interface RawClientHandlers {
  /** A document update broadcast by the server (not the initial state), with the time the frame arrived. */
  update?(update: Uint8Array, receivedAt: number): void;
  /** Quorum's stored acknowledgement: the document's durable state vector. */
  stored?(stateVector: Map<number, number>): void;
  /** Hocuspocus's acknowledgement of one update this client sent, in the order they were sent. */
  acknowledged?(): void;
}

/** How to reach one document: the socket's address, and for Hocuspocus the name every message carries. */
export interface RawTarget {
  readonly url: string;
  readonly protocol: 'y-websocket' | 'hocuspocus';
  readonly docName: string;
}

/** Hocuspocus's message types beyond y-websocket's: the answer to a sync step 1, and an update's acknowledgement. */
const hocuspocusSyncReply = 4;
const hocuspocusSyncStatus = 8;

const emptyStateVector = Y.encodeStateVector(new Y.Doc());

function frame(target: RawTarget, write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  if (target.protocol === 'hocuspocus') encoding.writeVarString(encoder, target.docName);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/**
 * A y-protocols client without a provider or a document: it asks for the server's state once, then
 * hands every broadcast update to its handler, stamped with the arrival time before anything else
 * runs. Cheap enough to run a thousand of them in one process. It never answers the server's sync
 * step 1, as it has nothing of its own to offer.
 */
export class RawSyncClient {
  readonly refusals: string[] = [];
  closed: { code: number; reason: string } | undefined;
  private synced = false;

  private constructor(
    private readonly socket: WebSocket,
    private readonly target: RawTarget,
    private readonly handlers: RawClientHandlers,
    onSynced: () => void,
  ) {
    socket.on('message', (data: Buffer) => {
      const receivedAt = performance.now();
      this.receive(data, receivedAt, onSynced);
    });
    socket.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() };
    });
  }

  /** Opens a socket and resolves once the server has sent the document's current state. */
  static connect(target: RawTarget, handlers: RawClientHandlers, timeoutMs = 30_000): Promise<RawSyncClient> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(target.url, { perMessageDeflate: false });
      const timer = setTimeout(() => {
        socket.terminate();
        reject(new Error(`no initial sync from ${target.url.split('?')[0]} within ${timeoutMs} ms`));
      }, timeoutMs);
      const client = new RawSyncClient(socket, target, handlers, () => {
        clearTimeout(timer);
        resolve(client);
      });
      socket.once('open', () => {
        // Hocuspocus opens a document only after an authentication message (any token, with no hook to check it).
        if (target.protocol === 'hocuspocus') {
          socket.send(frame(target, (e) => {
            encoding.writeVarUint(e, messageType.auth);
            encoding.writeVarUint(e, 0);
            encoding.writeVarString(e, '');
          }));
        }
        socket.send(frame(target, (e) => {
          encoding.writeVarUint(e, messageType.sync);
          encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep1);
          encoding.writeVarUint8Array(e, emptyStateVector);
        }));
      });
      socket.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      socket.once('close', (code, reason) => {
        clearTimeout(timer);
        reject(new Error(`closed before the initial sync: ${code} ${reason.toString()}`));
      });
    });
  }

  sendUpdate(update: Uint8Array): void {
    this.socket.send(frame(this.target, (e) => {
      encoding.writeVarUint(e, messageType.sync);
      syncProtocol.writeUpdate(e, update);
    }));
  }

  /** Closes the socket; one the server does not close in time is dropped. */
  close(timeoutMs = 2_000): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.socket.terminate(), timeoutMs);
      this.socket.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      this.socket.close();
    });
  }

  private receive(data: Buffer, receivedAt: number, onSynced: () => void): void {
    const decoder = decoding.createDecoder(data);
    if (this.target.protocol === 'hocuspocus') decoding.readVarString(decoder);
    const type = decoding.readVarUint(decoder);
    if (type === hocuspocusSyncStatus && this.target.protocol === 'hocuspocus') {
      this.handlers.acknowledged?.();
    } else if (type === messageType.sync || (type === hocuspocusSyncReply && this.target.protocol === 'hocuspocus')) {
      const step = decoding.readVarUint(decoder);
      if (step === syncProtocol.messageYjsSyncStep1) return;
      const update = decoding.readVarUint8Array(decoder);
      // The first step 2 answers this client's step 1: the state it starts from, not a broadcast.
      if (step === syncProtocol.messageYjsSyncStep2 && !this.synced) {
        this.synced = true;
        onSynced();
        return;
      }
      this.handlers.update?.(update, receivedAt);
    } else if (type === messageType.stored) {
      this.handlers.stored?.(Y.decodeStateVector(decoding.readVarUint8Array(decoder)));
    } else if (type === messageType.refused) {
      this.refusals.push(decoding.readVarString(decoder));
    }
  }
}

/** Runs `tasks` with at most `limit` in flight, so a thousand connections do not overflow the listen backlog. */
export async function inBatches<T>(count: number, limit: number, task: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array<T>(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      results[index] = await task(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
  return results;
}
