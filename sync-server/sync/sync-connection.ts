import type { WebSocket } from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { decodeSyncMessage, encodeSyncMessage, MalformedSyncMessage, wireType } from '../../shared/sync/sync-codec';
import { closeCode } from '../../shared/sync/sync-protocol';
import type { GuardContext } from '../../shared/sync/update-guard';
import { filterAwarenessUpdate } from './awareness-filter';
import type { DocumentGrant } from './document-access';
import type { LiveDocument } from './live-document';
import { RateLimiter } from './rate-limiter';

export interface ConnectionLimits {
  readonly maxMessageBytes: number;
  readonly messagesPerSecond: number;
  readonly messageBurst: number;
  /** Bytes sent in answer to what a connection asks for (the document's state, who is here). */
  readonly replyBytesPerSecond: number;
  readonly replyByteBurst: number;
  /** Distinct Yjs client ids a connection may use, through presence or updates. */
  readonly maxClientIds: number;
}

/** What a connection asks of the hub: the work that touches more than this one socket. */
export interface ConnectionHost {
  /** `step2` answers the server's state vector; `update` is a change made live. */
  receiveUpdate(connection: SyncConnection, update: Uint8Array, kind: 'step2' | 'update'): void;
  /** Runs `reply` once everything applied so far is durably stored. */
  whenStored(live: LiveDocument, reply: () => void): void;
  closed(connection: SyncConnection): void;
  /** The server's clock, in milliseconds since the epoch. */
  now(): number;
  /** Re-checks the connection's access first if a directory change may have touched it; false when that closed it. */
  current(connection: SyncConnection): boolean;
  /** Counts a message against its user's rate over all their sockets; false when they are over it. */
  admitMessage(connection: SyncConnection): boolean;
  /** Counts bytes sent in answer to a request against its user's budget; false when it is spent. */
  spendReply(connection: SyncConnection, bytes: number): boolean;
  /** Holds a presence state of `client` for the connection while it lasts; false when its user holds too many. */
  holdPresence(connection: SyncConnection, client: number): boolean;
  /** Lets go of a presence state the connection held (the client removed it). */
  releasePresence(connection: SyncConnection, client: number): void;
  /** Whether this turn of the event loop still has time for messages, before what is stored is sent. */
  mayWork(): boolean;
  /** Counts time spent on a message against this turn. */
  worked(ms: number): void;
  /** The connection has messages waiting for a later turn. */
  later(connection: SyncConnection): void;
}

/** Messages a connection may have waiting before its socket stops being read, and how few let it be read again. */
const backlogPause = 256;
const backlogResume = 64;

/** The longest delay a Node timer holds (about 24.8 days); a later expiry is waited for in steps. */
const longestTimerMs = 2 ** 31 - 1;

export function storedMessage(doc: Y.Doc): Uint8Array {
  return encodeSyncMessage({ type: 'stored', stateVector: Y.encodeStateVector(doc) });
}

export function awarenessMessage(update: Uint8Array): Uint8Array {
  return encodeSyncMessage({ type: 'awareness', update });
}

export function updateMessage(update: Uint8Array): Uint8Array {
  return encodeSyncMessage({ type: 'update', update });
}

/**
 * One client socket on one document. It speaks y-websocket's protocol, but every update goes
 * through the hub's guard, replies describe only stored state, and anything it cannot parse
 * closes the socket instead of throwing.
 */
export class SyncConnection {
  /** Client ids whose presence state this connection holds now. */
  readonly awarenessClients = new Set<number>();
  /** Every client id this connection has used, through presence or updates: at most `maxClientIds`. */
  readonly clientIds = new Set<number>();
  private readonly limiter: RateLimiter;
  private readonly replyBytes: RateLimiter;
  private open = true;
  private finished = false;
  /** A state vector was sent and the client's answer (sync step 2) has not arrived yet. */
  private awaitingState = false;
  /** Messages that arrived while the turn had no time left, taken in order in later turns. */
  private backlog: Uint8Array[] = [];
  private backlogHead = 0;
  private paused = false;
  /** When the credential stops being valid (ms since the epoch), if it ever does. */
  private expiresAt: number | undefined;
  private expiryTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly socket: WebSocket,
    readonly live: LiveDocument,
    /** The credential it connected with, re-checked whenever access may have changed. */
    readonly token: string,
    public grant: DocumentGrant,
    public context: GuardContext,
    private readonly host: ConnectionHost,
    private readonly limits: ConnectionLimits,
  ) {
    this.limiter = new RateLimiter(limits.messagesPerSecond, limits.messageBurst);
    this.replyBytes = new RateLimiter(limits.replyBytesPerSecond, limits.replyByteBurst);
    socket.on('message', (data, isBinary) => this.receive(data, isBinary));
    socket.on('close', () => this.finish());
    socket.on('error', () => this.close(closeCode.malformed, 'socket error'));
  }

  get userId(): string {
    return this.grant.principal.userId;
  }

  get isOpen(): boolean {
    return this.open;
  }

  /**
   * Closes the socket with 4401 the moment its credential expires (a session at the end of its
   * lifetime, an API key at its `expiresAt`), by a timer of its own, and refuses anything that
   * arrives once that moment has passed even if the timer has not fired yet.
   */
  expireAt(expiresAt: number | undefined): void {
    clearTimeout(this.expiryTimer);
    this.expiryTimer = undefined;
    this.expiresAt = expiresAt;
    this.armExpiry();
  }

  private armExpiry(): void {
    if (this.expiresAt === undefined || !this.open) return;
    const left = this.expiresAt - this.host.now();
    if (left <= 0) return this.close(closeCode.unauthenticated, 'the credential expired');
    this.expiryTimer = setTimeout(() => this.armExpiry(), Math.min(left, longestTimerMs));
    this.expiryTimer.unref();
  }

  /** Opens the conversation as y-websocket does: the server's state vector, then who is here. */
  start(): void {
    this.host.whenStored(this.live, () => {
      this.requestState();
      this.sendAwareness();
    });
  }

  /** Sends the server's state vector; the client answers with every update the server lacks. */
  requestState(): void {
    this.awaitingState = true;
    this.send(encodeSyncMessage({ type: 'sync-step-1', stateVector: Y.encodeStateVector(this.live.doc) }));
  }

  send(message: Uint8Array): void {
    if (this.open && this.socket.readyState === this.socket.OPEN) this.socket.send(message);
  }

  /**
   * Sends what the client asked for, within the bytes it may ask for: a small request must not
   * make the server send whole documents over and over. Over budget, the socket closes with 4429.
   */
  private reply(message: Uint8Array): void {
    if (!this.open) return;
    if (!this.replyBytes.spend(message.length) || !this.host.spendReply(this, message.length)) {
      return this.close(closeCode.rateLimited, 'too many bytes asked for');
    }
    this.send(message);
  }

  /**
   * Takes `clients` into the ones this connection uses, unless that would pass its limit; then it
   * takes none of them and says so.
   */
  admitClients(clients: Iterable<number>): boolean {
    const added = [...clients].filter((client) => !this.clientIds.has(client));
    if (this.clientIds.size + added.length > this.limits.maxClientIds) return false;
    for (const client of added) this.clientIds.add(client);
    return true;
  }

  refuse(reason: string): void {
    this.send(encodeSyncMessage({ type: 'refused', reason }));
  }

  close(code: number, reason: string): void {
    if (!this.open) return;
    this.open = false;
    // Close reasons are limited to 123 bytes by the protocol.
    this.socket.close(code, reason.slice(0, 120));
    this.finish();
  }

  /** Asks for what the server lacks, unless an answer that will carry it is already on its way. */
  requestMissing(): void {
    if (!this.awaitingState) this.requestState();
  }

  private sendAwareness(): void {
    const states = this.live.awareness.getStates();
    if (states.size === 0) return;
    this.reply(awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.live.awareness, [...states.keys()])));
  }

  private receive(data: unknown, isBinary: boolean): void {
    if (!this.open) return;
    if (this.expiresAt !== undefined && this.host.now() >= this.expiresAt) return this.close(closeCode.unauthenticated, 'the credential expired');
    if (!isBinary) return this.close(closeCode.malformed, 'text frames are not part of the protocol');
    const bytes = toBytes(data);
    if (bytes.length > this.limits.maxMessageBytes) return this.close(closeCode.tooLarge, 'message too large');
    if (!this.limiter.take() || !this.host.admitMessage(this)) return this.close(closeCode.rateLimited, 'too many messages');
    // A burst is taken a few milliseconds at a time, with what was stored sent in between, instead
    // of all at once while every document waits; its order is kept.
    if (this.backlogHead < this.backlog.length || !this.host.mayWork()) {
      this.backlog.push(bytes);
      this.host.later(this);
      if (this.backlog.length - this.backlogHead >= backlogPause && !this.paused) {
        this.paused = true;
        this.socket.pause();
      }
      return;
    }
    this.handle(bytes);
  }

  /** Takes waiting messages until `deadline` (performance.now()); true when some are still waiting. */
  drain(deadline: number): boolean {
    while (this.open && this.backlogHead < this.backlog.length && performance.now() < deadline) {
      const bytes = this.backlog[this.backlogHead] as Uint8Array;
      this.backlogHead += 1;
      this.handle(bytes);
    }
    const waiting = this.open ? this.backlog.length - this.backlogHead : 0;
    if (waiting === 0) {
      this.backlog = [];
      this.backlogHead = 0;
    }
    if (this.paused && waiting <= backlogResume && this.open) {
      this.paused = false;
      this.socket.resume();
    }
    return waiting > 0;
  }

  private handle(bytes: Uint8Array): void {
    if (!this.host.current(this)) return;
    const started = performance.now();
    try {
      this.dispatch(bytes);
    } catch (error) {
      this.close(closeCode.malformed, error instanceof MalformedSyncMessage ? `malformed message: ${error.message}` : 'malformed message');
    }
    this.host.worked(performance.now() - started);
  }

  private dispatch(bytes: Uint8Array): void {
    const message = decodeSyncMessage(bytes);
    switch (message.type) {
      case 'sync-step-1': {
        const { stateVector } = message;
        // Decoded here, where a malformed state vector closes this socket: the reply may run
        // later, inside the hub's flush, where a throw would take the whole server down.
        Y.decodeStateVector(stateVector);
        this.host.whenStored(this.live, () => this.reply(encodeSyncMessage({ type: 'sync-step-2', update: Y.encodeStateAsUpdate(this.live.doc, stateVector) })));
        return;
      }
      case 'sync-step-2':
        this.awaitingState = false;
        this.host.receiveUpdate(this, message.update, 'step2');
        return;
      case 'update':
        this.host.receiveUpdate(this, message.update, 'update');
        return;
      case 'awareness': {
        const filtered = filterAwarenessUpdate(message.update, { id: this.userId, name: this.grant.displayName }, (client) => (this.live.ownerOf(client) ?? this.userId) === this.userId);
        if (!filtered.ok) return this.close(closeCode.malformed, filtered.reason);
        // Presence binds no client id for good: it is held while this connection lasts.
        if (!this.admitClients(filtered.present)) return this.close(closeCode.rateLimited, 'too many client ids');
        for (const client of filtered.present) {
          if (!this.host.holdPresence(this, client)) return this.close(closeCode.rateLimited, 'too many presence states');
        }
        awarenessProtocol.applyAwarenessUpdate(this.live.awareness, filtered.update, this);
        for (const client of filtered.removed) this.host.releasePresence(this, client);
        return;
      }
      case 'query-awareness':
        this.sendAwareness();
        return;
      default:
        this.close(closeCode.malformed, `message type ${String(wireType(message))} is not accepted from clients`);
    }
  }

  private finish(): void {
    this.open = false;
    clearTimeout(this.expiryTimer);
    if (this.finished) return;
    this.finished = true;
    this.host.closed(this);
  }
}

function toBytes(data: unknown): Uint8Array {
  if (data instanceof Uint8Array) return data;
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data as Buffer[]));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(0);
}
