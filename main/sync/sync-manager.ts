import { toBase64 } from '../../shared/encoding/base64';
import * as Y from 'yjs';
import type { DocumentState, DroppedChange, PresenceState } from '../../shared/app-api/app-api-contract';
import { documentName, parseDocumentName } from '../../shared/sync/document-name';
import { inspectUpdate } from '../../shared/sync/update-inspection';
import type { Inspection } from '../../shared/sync/update-inspection';
import { AppFailure } from '../app-api/app-failure';
import type { DocumentStore } from '../documents/document-store';
import { defaultBackoff } from './backoff';
import type { BackoffPolicy } from './backoff';
import { DocumentConnection } from './document-connection';
import type { ConnectionSettings } from './document-connection';

export type LocalUpdateCheck = (name: string, doc: Y.Doc, inspection: Inspection) => { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** Where a local edit comes from: the renderer's copy, or this side (an agent's answer). */
export type LocalOrigin = 'renderer' | 'main';

export interface SyncManagerOptions {
  readonly store: DocumentStore;
  /** The sync server's http(s) address. */
  readonly serverUrl: string;
  /** The current credential, read at every connection; null when signed out. */
  readonly token: () => string | null;
  readonly online?: boolean;
  readonly backoff?: BackoffPolicy;
  /** A number in [0, 1): the jitter of reconnect waits. */
  readonly random?: () => number;
  readonly keepAliveMs?: number;
  readonly barrierDelayMs?: number;
  readonly fetchTimeoutMs?: number;
  /**
   * Refuses an edit from the renderer before it is stored or sent, with the same rules the server
   * applies (the shared update guard over the replica's roles); none by default.
   */
  readonly checkLocalUpdate?: LocalUpdateCheck;
}

interface Opened {
  readonly connection: DocumentConnection;
  opens: number;
}

type Listener<A extends unknown[]> = (...args: A) => void;

class Listeners<A extends unknown[]> {
  private readonly set = new Set<Listener<A>>();
  add(listener: Listener<A>): () => void {
    this.set.add(listener);
    return () => this.set.delete(listener);
  }
  emit(...args: A): void {
    for (const listener of [...this.set]) listener(...args);
  }
}

/**
 * The open documents of one account and their sync: opened on demand (counted, so the renderer and
 * main-side work can share one), each with its own connection, all following one server address,
 * one credential and one online switch. It tells listeners of every update (`documents.updated`),
 * every change of a document's state (`documents.state`) and of who else is in it
 * (`documents.presence`).
 */
export class SyncManager {
  private readonly opened = new Map<string, Opened>();
  private readonly settings: ConnectionSettings;
  private readonly store: DocumentStore;
  private serverUrl: string;
  private online: boolean;
  private readonly token: () => string | null;
  private readonly checkLocalUpdate: LocalUpdateCheck | undefined;
  private readonly updateListeners = new Map<(name: string, update: Uint8Array) => void, LocalOrigin | undefined>();
  private readonly stateListeners = new Listeners<[state: DocumentState]>();
  private readonly presenceListeners = new Listeners<[name: string, states: PresenceState[]]>();
  private readonly unauthenticatedListeners = new Listeners<[]>();
  private readonly noticeListeners = new Listeners<[notice: { readonly cursor: number; readonly access: boolean }]>();
  private readonly reachableListeners = new Listeners<[reachable: boolean]>();
  /** Documents whose socket reached the server and has not been lost or closed since. */
  private readonly reached = new Set<string>();

  constructor(options: SyncManagerOptions) {
    this.store = options.store;
    this.serverUrl = options.serverUrl;
    this.online = options.online ?? true;
    this.token = options.token;
    this.checkLocalUpdate = options.checkLocalUpdate;
    this.settings = {
      serverUrl: () => this.serverUrl,
      token: () => this.token(),
      online: () => this.online,
      backoff: options.backoff ?? defaultBackoff,
      random: options.random ?? Math.random,
      keepAliveMs: options.keepAliveMs ?? 15_000,
      barrierDelayMs: options.barrierDelayMs ?? 100,
      fetchTimeoutMs: options.fetchTimeoutMs ?? 15_000,
    };
  }

  get isOnline(): boolean {
    return this.online;
  }

  /** Opens a document (loading it from disk) and starts syncing it; returns its whole content. */
  open(name: string): { update: Uint8Array; state: DocumentState } {
    if (!parseDocumentName(name)) throw new AppFailure('bad_request', 'There is no document by that name.', 'name');
    let opened = this.opened.get(name);
    if (opened?.connection.isRevoked) {
      // Opened again after access ended: try afresh, the server decides.
      this.opened.delete(name);
      opened = undefined;
    }
    if (!opened) {
      const connection = new DocumentConnection(this.store, name, this.settings, {
        state: (state) => this.stateListeners.emit(state),
        update: (docName, update, origin) => {
          // Everyone hears of an update except whoever made it: the renderer has its own edit already.
          for (const [listener, self] of [...this.updateListeners]) if (self === undefined || self !== origin) listener(docName, update);
        },
        presence: (docName, states) => this.presenceListeners.emit(docName, states),
        unauthenticated: () => this.credentialRejected(),
        reached: (docName) => {
          this.reached.add(docName);
          if (this.reached.size === 1) this.reachableListeners.emit(true);
        },
        lost: (docName) => {
          if (this.reached.delete(docName) && this.reached.size === 0) this.reachableListeners.emit(false);
        },
        directoryNotice: (notice) => this.noticeListeners.emit(notice),
      });
      opened = { connection, opens: 0 };
      this.opened.set(name, opened);
      connection.start();
    }
    opened.opens += 1;
    return { update: Y.encodeStateAsUpdate(opened.connection.doc), state: opened.connection.state() };
  }

  /** The live document, for edits made on this side (an agent's streamed answer). */
  document(name: string): Y.Doc {
    return this.usable(name).doc;
  }

  /** An edit from the renderer: `applyLocal` with the renderer as its origin. */
  update(name: string, update: Uint8Array): void {
    this.applyLocal(name, update, 'renderer');
  }

  /**
   * The one way a local edit enters a document: its bytes read once (the inspection serves every
   * check), refused when it builds on content this copy does not hold or was written under a client
   * id a rebuild retired (the sender's copy is out of date and must be opened again) and when the
   * local guard says the server would refuse it; then applied, stored before it is sent, and told
   * to every listener except `origin`'s.
   */
  applyLocal(name: string, update: Uint8Array, origin: LocalOrigin): void {
    const connection = this.usable(name);
    if (connection.isRebuilding) throw new AppFailure('conflict', 'The document is being rebuilt from the server after a refused change; open it again in a moment.');
    const local = connection.document;
    const inspected = inspectUpdate(local.doc, update);
    if (!inspected.ok && inspected.missing !== true) throw new AppFailure('bad_request', `The update is not a Yjs update. (${inspected.reason})`, 'update');
    if (!inspected.ok) throw new AppFailure('conflict', `The update does not fit this copy of the document; open it again. (${inspected.reason})`);
    const { inspection } = inspected;
    if (inspection.clients.some((client) => local.retiredClients.has(client))) {
      throw new AppFailure('conflict', 'The document was rebuilt from the server after a refused change; open it again.');
    }
    const verdict = this.checkLocalUpdate?.(name, local.doc, inspection);
    if (verdict && !verdict.ok) throw new AppFailure('forbidden', verdict.reason);
    Y.applyUpdate(local.doc, update, origin);
  }

  /** Closes one opening; the document is closed (compacted, disconnected) when none is left. */
  close(name: string): void {
    const opened = this.opened.get(name);
    if (!opened) return;
    opened.opens -= 1;
    if (opened.opens > 0) return;
    this.opened.delete(name);
    this.reached.delete(name);
    opened.connection.close();
  }

  setPresence(name: string, state: Record<string, unknown> | null): void {
    this.usable(name).setPresence(state);
  }

  presence(name: string): PresenceState[] {
    return this.opened.get(name)?.connection.presence() ?? [];
  }

  state(name: string): DocumentState | undefined {
    return this.opened.get(name)?.connection.state();
  }

  /** Every open document's state, revoked ones included until they are closed. */
  states(): DocumentState[] {
    return [...this.opened.values()].map((opened) => opened.connection.state());
  }

  /** What rebuilds of this document dropped, with the server's reasons. */
  dropped(name: string): DroppedChange[] {
    return this.store.dropped(name).map((change) => ({
      id: change.id,
      reason: change.reason,
      paths: [...change.paths],
      droppedAt: change.droppedAt,
      update: toBase64(change.update),
    }));
  }

  /** Forgets why the server last refused a change here; an open document reports its new state. */
  dismissRefusal(name: string): void {
    this.store.dismissRefusal(name);
    const opened = this.opened.get(name);
    if (opened) this.stateListeners.emit(opened.connection.state());
  }

  /** Access to these documents ended (the change feed said so): open ones report it, all are removed. */
  purgeDocuments(names: Iterable<string>): void {
    for (const name of names) {
      this.reached.delete(name);
      const opened = this.opened.get(name);
      if (opened) opened.connection.revoke();
      else this.store.purge(name);
    }
  }

  /** Purges the documents of projects and conversations the user can no longer see. */
  purge(scope: { readonly projectIds: readonly string[]; readonly conversationIds: readonly string[] }): void {
    this.purgeDocuments([...scope.projectIds.map((id) => documentName('project', id)), ...scope.conversationIds.map((id) => documentName('conversation', id))]);
  }

  setOnline(online: boolean): void {
    if (this.online === online) return;
    this.online = online;
    if (!online) this.reached.clear();
    for (const { connection } of this.opened.values()) {
      if (online) connection.start();
      else connection.stop();
    }
  }

  /** Another sync server, or the same one at a new address: every document reconnects there. */
  setServerUrl(serverUrl: string): void {
    if (this.serverUrl === serverUrl) return;
    this.serverUrl = serverUrl;
    this.reached.clear();
    for (const { connection } of this.opened.values()) connection.restart();
  }

  /** Tries every document now rather than at its next backoff step: the network or the credential came back. */
  reconnect(): void {
    for (const { connection } of this.opened.values()) connection.start();
  }

  /** Closes every document. */
  stop(): void {
    for (const [name, opened] of [...this.opened]) {
      this.opened.delete(name);
      opened.connection.close();
    }
    this.reached.clear();
  }

  /** Every update of an open document; `self`: the origin the listener speaks for, whose own edits it is not told of. */
  onUpdate(listener: (name: string, update: Uint8Array) => void, self?: LocalOrigin): () => void {
    this.updateListeners.set(listener, self);
    return () => this.updateListeners.delete(listener);
  }

  onState(listener: (state: DocumentState) => void): () => void {
    return this.stateListeners.add(listener);
  }

  onPresence(listener: (name: string, states: PresenceState[]) => void): () => void {
    return this.presenceListeners.add(listener);
  }

  /** The server rejected the credential (4401): every document stopped; `reconnect` after a new one. */
  onUnauthenticated(listener: () => void): () => void {
    return this.unauthenticatedListeners.add(listener);
  }

  /** The server said, on one of the sockets, that the organization's change feed advanced. */
  onDirectoryNotice(listener: (notice: { readonly cursor: number; readonly access: boolean }) => void): () => void {
    return this.noticeListeners.add(listener);
  }

  /**
   * `true` when a socket reached the server while none had (opening the first document, coming
   * back after a loss); `false` when the last one that had was lost.
   */
  onReachable(listener: (reachable: boolean) => void): () => void {
    return this.reachableListeners.add(listener);
  }

  private credentialRejected(): void {
    this.reached.clear();
    for (const { connection } of this.opened.values()) connection.suspend();
    this.unauthenticatedListeners.emit();
  }

  private usable(name: string): DocumentConnection {
    const opened = this.opened.get(name);
    if (!opened) throw new AppFailure('not_found', 'The document is not open.', 'name');
    if (opened.connection.isRevoked) throw new AppFailure('not_found', 'You no longer have access to this document.', 'name');
    return opened.connection;
  }
}
