import type * as decoding from 'lib0/decoding';
import type * as encoding from 'lib0/encoding';
import { Awareness } from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import type { DocumentState, DocumentStatus, PresenceState } from '../../shared/app-api/app-api-contract';
import { encodeSyncMessage } from '../../shared/sync/sync-codec';
import { closeCode, closeRule, messageType } from '../../shared/sync/sync-protocol';
import type { DocumentStore } from '../documents/document-store';
import type { LocalDocument } from '../documents/local-document';
import { isDeleteOnly } from '../documents/update-coverage';
import { backoffDelay } from './backoff';
import type { BackoffPolicy } from './backoff';
import { presenceStates } from './presence-states';
import { fetchServerState, NodeWebSocket } from './server-state';
import { peekSyncStep, readDirectoryNotice, readRefusalReason, readStoredStateVector, syncSocketUrl, syncStep1Message } from './sync-messages';

/** What every connection reads when it (re)connects; the manager owns the values. */
export interface ConnectionSettings {
  readonly serverUrl: () => string;
  readonly token: () => string | null;
  readonly online: () => boolean;
  readonly backoff: BackoffPolicy;
  readonly random: () => number;
  /** How often an idle connection asks the server for something, so neither side takes it for dead. */
  readonly keepAliveMs: number;
  /** How long deletions wait to be confirmed together (see `sendBarrier`). */
  readonly barrierDelayMs: number;
  /** How long fetching the server's state for a rebuild may take. */
  readonly fetchTimeoutMs: number;
}

export interface ConnectionListener {
  state(state: DocumentState): void;
  /** `origin`: who applied it (a local origin, the provider for the server's). */
  update(name: string, update: Uint8Array, origin: unknown): void;
  presence(name: string, states: PresenceState[]): void;
  /** The server no longer accepts the credential: nothing should try again until it changes. */
  unauthenticated(name: string): void;
  /** The socket opened and the server's state arrived. */
  reached(name: string): void;
  /** The socket was lost (not closed here); it is tried again after a backoff. */
  lost(name: string): void;
  /** The server said the organization's change feed advanced. */
  directoryNotice(notice: { readonly cursor: number; readonly access: boolean }): void;
}

type MessageHandler = WebsocketProvider['messageHandlers'][number];

/**
 * One open document and its y-websocket provider. Reconnection is this class's: the provider is
 * told never to reconnect on its own (its retry has no jitter), and every loss schedules one
 * attempt after `backoffDelay`. It follows the server's acknowledgements into the store, rebuilds
 * the document from the server's state after a refusal, stops on 4401, and purges the local copy
 * on 4403/4404.
 */
export class DocumentConnection {
  private local: LocalDocument;
  private provider: WebsocketProvider | undefined;
  private detachLocal: () => void = () => undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private barrierTimer: NodeJS.Timeout | undefined;
  private keepAliveTimer: NodeJS.Timeout | undefined;
  private attempt = 0;
  /** False after a connection failed or was lost, until a socket opens again. */
  private reachable = true;
  private ended: 'revoked' | 'unauthenticated' | undefined;
  /** Set from a refusal until the document is rebuilt: while set, nothing local is sent. */
  private refusedReason: string | undefined;
  private rebuilding: AbortController | undefined;
  /** For each sync step 1 sent as a barrier and not answered yet: the last local update it covers. */
  private barriers: number[] = [];
  private presenceState: Record<string, unknown> | null = null;
  private lastState = '';
  private generation: number;
  private closed = false;

  constructor(
    private readonly store: DocumentStore,
    readonly name: string,
    private readonly settings: ConnectionSettings,
    private readonly listener: ConnectionListener,
  ) {
    this.local = store.takeOver(name);
    this.generation = this.local.generation;
    this.attachLocal();
  }

  /** The live document; a rebuild replaces it, so hold on to the connection rather than the doc. */
  get doc(): Y.Doc {
    return this.local.doc;
  }

  get document(): LocalDocument {
    return this.local;
  }

  get isRevoked(): boolean {
    return this.ended === 'revoked';
  }

  get isRebuilding(): boolean {
    return this.refusedReason !== undefined;
  }

  state(): DocumentState {
    const open = this.ended !== 'revoked';
    return {
      name: this.name,
      status: this.status(),
      unstored: open ? this.local.unstored.length : 0,
      refusal: this.refusedReason ?? (open ? this.local.refusal : null),
      generation: this.generation,
    };
  }

  presence(): PresenceState[] {
    return this.provider ? presenceStates(this.provider.awareness) : [];
  }

  setPresence(state: Record<string, unknown> | null): void {
    this.presenceState = state;
    this.provider?.awareness.setLocalState(state);
  }

  /** Connects now if it should: after opening, going online, or a new credential. */
  start(): void {
    if (this.ended === 'unauthenticated') this.ended = undefined;
    this.attempt = 0;
    this.reachable = true;
    this.connectNow();
  }

  /** Disconnects and stays disconnected until `start`. */
  stop(): void {
    this.clearTimers();
    this.rebuilding?.abort();
    this.provider?.disconnect();
    this.emitState();
  }

  /** The credential is gone (this or another document was told so): stop until `start`. */
  suspend(): void {
    if (this.ended !== undefined) return;
    this.ended = 'unauthenticated';
    this.stop();
    this.destroyProvider();
    this.emitState();
  }

  /** Disconnects and connects again: the server address or the credential changed. */
  restart(): void {
    this.provider?.disconnect();
    this.start();
  }

  /** Access ended: the local copy is removed and nothing reconnects. */
  revoke(): void {
    if (this.ended === 'revoked') return;
    this.ended = 'revoked';
    this.refusedReason = undefined;
    this.clearTimers();
    this.rebuilding?.abort();
    this.destroyProvider();
    this.detachLocal();
    this.store.purge(this.name);
    this.emitState();
    this.listener.presence(this.name, []);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.clearTimers();
    this.rebuilding?.abort();
    this.destroyProvider();
    this.detachLocal();
    if (this.ended !== 'revoked') this.store.close(this.name);
  }

  private status(): DocumentStatus {
    if (this.ended === 'revoked') return 'revoked';
    if (this.ended === 'unauthenticated' || this.settings.token() === null) return 'unauthenticated';
    if (this.refusedReason !== undefined) return 'refused';
    if (!this.settings.online() || !this.reachable) return 'offline';
    const provider = this.provider;
    return provider?.wsconnected && provider.synced && this.local.unstored.length === 0 ? 'synced' : 'syncing';
  }

  private emitState(): void {
    if (this.closed) return;
    const state = this.state();
    const key = JSON.stringify(state);
    if (key === this.lastState) return;
    this.lastState = key;
    this.listener.state(state);
  }

  private wanted(): boolean {
    return !this.closed && this.ended === undefined && this.settings.online() && this.settings.token() !== null;
  }

  private attachLocal(): void {
    const local = this.local;
    // Every update of the document in one place, in this order: stored (a local edit on disk in
    // its own transaction, the server's batched), then a local edit sent, then everyone told.
    const onUpdate = (update: Uint8Array, origin: unknown) => {
      const remote = local.isRemote(origin);
      this.store.write(this.name, update, remote);
      if (!remote) this.send(update);
      this.listener.update(this.name, update, origin);
    };
    local.doc.on('update', onUpdate);
    const stopListening = local.onChange(() => {
      this.emitState();
      this.scheduleBarrier();
    });
    this.detachLocal = () => {
      local.doc.off('update', onUpdate);
      stopListening();
      this.detachLocal = () => undefined;
    };
  }

  private connectNow(): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    if (!this.wanted()) return this.emitState();
    if (this.refusedReason !== undefined) {
      void this.rebuild();
      return this.emitState();
    }
    const provider = this.provider ?? this.createProvider();
    if (provider.ws === null) {
      provider.serverUrl = syncSocketUrl(this.settings.serverUrl());
      provider.params = { token: this.settings.token() ?? '' };
      provider.connect();
    }
    this.startKeepAlive();
    this.emitState();
  }

  /** A local edit to the server, when connected; one made offline goes in the sync at the next connect. */
  private send(update: Uint8Array): void {
    const socket = this.provider?.ws;
    if (this.provider?.wsconnected === true && socket && socket.readyState === socket.OPEN) socket.send(encodeSyncMessage({ type: 'update', update }));
  }

  private scheduleRetry(): void {
    clearTimeout(this.retryTimer);
    const delay = backoffDelay(this.attempt, this.settings.backoff, this.settings.random);
    this.attempt += 1;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.connectNow();
    }, delay);
    this.retryTimer.unref();
  }

  private createProvider(): WebsocketProvider {
    const awareness = new Awareness(this.local.doc);
    awareness.setLocalState(this.presenceState);
    const provider = new WebsocketProvider(syncSocketUrl(this.settings.serverUrl()), this.name, this.local.doc, {
      connect: false,
      awareness,
      disableBc: true,
      WebSocketPolyfill: NodeWebSocket,
      // Reconnecting is ours: every close comes back through `connectionClosed`.
      shouldReconnect: () => false,
    });
    // Each provider adds a process 'exit' listener that only clears its presence in memory; with
    // many documents open, Node would warn of a listener leak.
    process.off('exit', provider._exitHandler);
    // Sending a local edit is this class's, after storing it (`attachLocal`).
    this.local.doc.off('update', provider._updateHandler);
    this.provider = provider;
    this.local.addRemoteOrigin(provider);

    const sync = provider.messageHandlers[messageType.sync];
    const handlers: Record<number, MessageHandler> = {
      [messageType.sync]: (encoder, decoder, from, emitSynced, type) => {
        // A step 2 after the first one answers one of our barriers.
        const answersBarrier = from.synced && peekSyncStep(decoder) === syncProtocol.messageYjsSyncStep2;
        sync?.(encoder, decoder, from, emitSynced, type);
        if (answersBarrier && from === this.provider) this.barrierAnswered();
      },
      [messageType.stored]: (_encoder, decoder, from) => {
        const stateVector = readStoredStateVector(decoder);
        if (from === this.provider && this.refusedReason === undefined) this.store.acknowledge(this.name, stateVector);
      },
      [messageType.refused]: (_encoder, decoder, from) => {
        const reason = readRefusalReason(decoder);
        if (from === this.provider) this.refused(reason);
      },
      [messageType.directoryChanged]: (_encoder, decoder) => {
        this.listener.directoryNotice(readDirectoryNotice(decoder));
      },
    };
    for (const type of [messageType.awareness, messageType.queryAwareness]) {
      const handler = provider.messageHandlers[type];
      if (handler) handlers[type] = handler;
    }
    for (const [type, handler] of Object.entries(handlers)) provider.messageHandlers[Number(type)] = this.guarded(handler);

    provider.on('status', () => {
      if (provider !== this.provider) return;
      if (provider.wsconnected) this.reachable = true;
      this.emitState();
    });
    provider.on('sync', (synced: boolean) => {
      if (provider !== this.provider) return;
      if (synced) {
        this.attempt = 0;
        this.scheduleBarrier();
        this.listener.reached(this.name);
      }
      this.emitState();
    });
    provider.on('connection-close', (event) => {
      // Captured now: `disconnect()` clears it before closing, a lost connection leaves it set.
      const ours = event === null && !provider.shouldConnect;
      // Keeps y-websocket's own retry (already scheduled, without jitter) from doing anything.
      provider.shouldConnect = false;
      if (provider !== this.provider) return;
      this.barriers = [];
      // The provider finishes its own bookkeeping after this event; act once it has.
      queueMicrotask(() => this.connectionClosed(provider, event?.code ?? null, ours));
    });
    awareness.on('change', () => {
      if (provider === this.provider) this.listener.presence(this.name, presenceStates(awareness));
    });
    return provider;
  }

  /** A message the provider cannot read closes the socket instead of throwing out of the socket's event. */
  private guarded(handler: MessageHandler): MessageHandler {
    return (encoder: encoding.Encoder, decoder: decoding.Decoder, from, emitSynced, type) => {
      try {
        handler(encoder, decoder, from, emitSynced, type);
      } catch {
        from.ws?.close(closeCode.malformed, 'malformed message');
      }
    };
  }

  private connectionClosed(provider: WebsocketProvider, code: number | null, ours: boolean): void {
    if (provider !== this.provider) return;
    this.closedWith(code, ours);
  }

  /**
   * Acts on a close code by what the one table of close codes (`closeRules`) says it means: the
   * credential is gone, access is gone, the server cannot take a change, or a loss to try again
   * after the backoff. `ours`: the socket was closed here.
   */
  private closedWith(code: number | null, ours: boolean): void {
    const { meaning } = closeRule(code);
    if (meaning === 'unauthenticated') {
      this.suspend();
      this.listener.unauthenticated(this.name);
      return;
    }
    if (meaning === 'revoked') return this.revoke();
    // Resending the same change cannot help: treated as a refusal of it, unless a rebuild is under way already.
    if (meaning === 'refused' && this.refusedReason === undefined) return this.refused('A change is larger than the server accepts.');
    if (ours || !this.wanted()) return this.emitState();
    this.reachable = false;
    this.scheduleRetry();
    this.emitState();
    this.listener.lost(this.name);
  }

  /** The server refused an update: stop sending anything, and rebuild from the server's state. */
  private refused(reason: string): void {
    if (this.refusedReason !== undefined || this.ended !== undefined) return;
    this.refusedReason = reason;
    const provider = this.provider;
    this.provider = undefined;
    this.emitState();
    // Not from inside the provider's own message handling.
    queueMicrotask(() => {
      if (provider) this.destroyProvider(provider);
      this.connectNow();
    });
  }

  private async rebuild(): Promise<void> {
    const token = this.settings.token();
    if (this.rebuilding || token === null) return;
    const abort = new AbortController();
    this.rebuilding = abort;
    const result = await fetchServerState({ serverUrl: this.settings.serverUrl(), token, name: this.name, timeoutMs: this.settings.fetchTimeoutMs, signal: abort.signal });
    this.rebuilding = undefined;
    if (abort.signal.aborted || this.closed || this.ended !== undefined || this.refusedReason === undefined) return;
    if (!result.ok) {
      if (result.code !== null && result.code >= 4000) return this.closedWith(result.code, false);
      this.reachable = false;
      this.scheduleRetry();
      return this.emitState();
    }
    const reason = this.refusedReason;
    this.detachLocal();
    this.store.reset(this.name, result.state, reason);
    this.local = this.store.takeOver(this.name);
    this.generation = this.local.generation;
    this.refusedReason = undefined;
    this.attachLocal();
    this.reachable = true;
    this.attempt = 0;
    this.connectNow();
  }

  /**
   * A stored acknowledgement is a state vector, which cannot show that an update that only deletes
   * arrived. A sync step 1 can: the server answers it only after storing everything it received
   * before it, and answers in order. Sent while synced, when everything local was already sent
   * (in our step 2 or as it happened), its answer settles every local update up to that moment.
   */
  private scheduleBarrier(): void {
    if (this.barrierTimer !== undefined || !this.needsBarrier()) return;
    this.barrierTimer = setTimeout(() => {
      this.barrierTimer = undefined;
      if (this.needsBarrier()) this.sendBarrier();
    }, this.settings.barrierDelayMs);
    this.barrierTimer.unref();
  }

  private needsBarrier(): boolean {
    if (!this.provider?.synced || this.refusedReason !== undefined || this.ended !== undefined) return false;
    const covered = this.barriers.at(-1) ?? 0;
    return this.local.unstored.some((update) => isDeleteOnly(update.coverage) && update.seq > covered);
  }

  private sendBarrier(): void {
    const provider = this.provider;
    const socket = provider?.ws;
    if (!provider?.synced || !socket || socket.readyState !== socket.OPEN) return;
    socket.send(syncStep1Message(provider.doc));
    this.barriers.push(this.local.unstored.at(-1)?.seq ?? this.barriers.at(-1) ?? 0);
  }

  private barrierAnswered(): void {
    const covered = this.barriers.shift();
    if (covered !== undefined && covered > 0 && this.refusedReason === undefined) this.store.acknowledgeThrough(this.name, covered);
    this.scheduleBarrier();
  }

  private startKeepAlive(): void {
    if (this.keepAliveTimer !== undefined) return;
    this.keepAliveTimer = setInterval(() => this.sendBarrier(), this.settings.keepAliveMs);
    this.keepAliveTimer.unref();
  }

  private clearTimers(): void {
    clearTimeout(this.retryTimer);
    clearTimeout(this.barrierTimer);
    clearInterval(this.keepAliveTimer);
    this.retryTimer = undefined;
    this.barrierTimer = undefined;
    this.keepAliveTimer = undefined;
  }

  private destroyProvider(provider = this.provider): void {
    if (!provider) return;
    if (provider === this.provider) this.provider = undefined;
    this.local.removeRemoteOrigin(provider);
    const awareness = provider.awareness;
    provider.destroy();
    awareness.destroy();
  }
}
