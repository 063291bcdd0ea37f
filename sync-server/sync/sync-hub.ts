import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { randomInt } from 'node:crypto';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import * as Y from 'yjs';
import { encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import { documentName, parseDocumentName } from '../../shared/sync/document-name';
import type { DocumentName } from '../../shared/sync/document-name';
import { closeCode, syncPathPrefix } from '../../shared/sync/sync-protocol';
import { guardUpdate } from '../../shared/sync/update-guard';
import { passToken } from '../auth/credential-gate';
import { credentialExpiry } from '../auth/credential-expiry';
import type { Services } from '../http/services';
import { AccessRecheck } from './access-recheck';
import { ConnectionRegistry } from './connection-registry';
import type { UserLimits } from './connection-registry';
import type { AccessResult } from './document-access';
import { grantFor, guardContextFor, planGrantOf, regrant } from './document-access';
import { DirectoryNotice } from './directory-notice';
import { existsIn, seedEdit } from './directory-seed';
import { DocumentEditRefused } from './document-editor';
import { serverEditContext } from './server-edit-context';
import { DocumentMirror } from './document-mirror';
import type { DocumentStore } from './document-store';
import { LiveDocument } from './live-document';
import type { SenderUpdates } from './merge-updates';
import { mergeAll, mergeBySender } from './merge-updates';
import { MessageIndexer } from './message-indexer';
import type { ConnectionHost, ConnectionLimits } from './sync-connection';
import { awarenessMessage, storedMessage, SyncConnection, updateMessage } from './sync-connection';

export interface SyncOptions extends ConnectionLimits, UserLimits {
  /** How long a document with no connections stays in memory. */
  readonly idleUnloadMs: number;
  /** Stored updates after which a document is compacted into one snapshot. */
  readonly compactAfterUpdates: number;
  /** Turns the update guard off: for measuring its cost only, never in service. */
  readonly guard: boolean;
}

const closeFor: Record<Exclude<AccessResult, { ok: true }>['code'], number> = {
  unauthenticated: closeCode.unauthenticated,
  forbidden: closeCode.forbidden,
  not_found: closeCode.notFound,
};

/**
 * How much one stored batch may take: a burst is stored and sent in several batches, each soon
 * over, with the sockets served between them, instead of in one that stops everything.
 */
const batchLimits = { updates: 256, bytes: 256 * 1024 };

/** Time a turn of the event loop spends on incoming messages before what is stored gets sent. */
const receiveBudgetMs = 5;

/** How long stored messages wait to be indexed, so that one indexing run takes many batches. */
const indexDelayMs = 250;

/** The user whose edits seed a document from the directory; owns no entries. */
export const systemUserId = 'system';

/**
 * The realtime side of the sync server: documents loaded on demand, every incoming update checked
 * by the guard before it is applied, stored in bounded batches (one fsync each) and then at once
 * broadcast and acknowledged, with what is derived from messages indexed afterwards; and the
 * connections a directory change may affect re-checked, without holding up anything else.
 */
export class SyncHub implements ConnectionHost {
  private readonly documents = new Map<string, LiveDocument>();
  /** Documents with updates or bindings waiting to be stored, or replies waiting on them, in the order they will be. */
  private readonly dirty = new Set<LiveDocument>();
  private readonly sockets = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: 0 });
  private readonly mirror: DocumentMirror;
  private readonly indexer: MessageIndexer;
  private readonly connections: ConnectionRegistry;
  private readonly recheck: AccessRecheck;
  private readonly notice: DirectoryNotice;
  /** Connections with messages waiting for a turn with time for them. */
  private readonly waiting = new Set<SyncConnection>();
  /** Time spent on incoming messages in this turn. */
  private workMs = 0;
  private turnScheduled = false;
  private closing = false;

  constructor(
    private readonly services: Services,
    private readonly store: DocumentStore,
    private readonly options: SyncOptions,
  ) {
    this.mirror = new DocumentMirror(services);
    this.indexer = new MessageIndexer(services, store, indexDelayMs);
    this.indexer.recover();
    this.connections = new ConnectionRegistry(options);
    this.recheck = new AccessRecheck(
      this.connections,
      (kind, id) => this.documents.get(documentName(kind, id))?.connections ?? [],
      (connection) => this.regrant(connection),
      existsIn(services.db),
      (orgId) => planGrantOf(services.db, orgId),
    );
    this.notice = new DirectoryNotice(services.db, this.connections);
    // ws enforces its own ceiling so an oversize frame is never buffered whole; the connection
    // closes with the protocol's own code for anything between the limit and that ceiling.
    this.sockets.options.maxPayload = options.maxMessageBytes * 2;
    services.changes.subscribe((events) => {
      // The notice first: an app whose last socket a re-check closes still hears why.
      this.notice.changed(events);
      this.recheck.changed(events);
    });
  }

  attach(server: Server): void {
    server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      if (!url.pathname.startsWith(syncPathPrefix) || this.closing) {
        socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
        return;
      }
      this.sockets.handleUpgrade(request, socket, head, (ws) => this.accept(ws, url, request.socket.remoteAddress ?? ''));
    });
  }

  private accept(ws: WebSocket, url: URL, address: string): void {
    const token = url.searchParams.get('token') ?? '';
    // Throttled with the REST API's tokens: the socket is no way around the wait after made-up ones.
    const gate = token ? passToken(this.services, token, address) : undefined;
    if (gate !== undefined && 'refused' in gate && gate.refused === 'rate-limited') return ws.close(closeCode.rateLimited, 'too many made-up credentials');
    const principal = gate !== undefined && 'principal' in gate ? gate.principal : undefined;
    if (!principal) return ws.close(closeCode.unauthenticated, 'sign in first');
    let name: DocumentName | undefined;
    try {
      name = parseDocumentName(decodeURIComponent(url.pathname.slice(syncPathPrefix.length)));
    } catch {
      name = undefined;
    }
    if (!name) return ws.close(closeCode.notFound, 'no such document');
    const access = grantFor(this.services.db, principal, name);
    if (!access.ok) return ws.close(closeFor[access.code], access.code);
    const live = this.load(name);
    const connection = new SyncConnection(ws, live, token, access.grant, guardContextFor(this.services.db, access.grant, name, (client) => live.ownerOf(client)), this, this.options);
    if (live.idleTimer) {
      clearTimeout(live.idleTimer);
      live.idleTimer = undefined;
    }
    live.connections.add(connection);
    this.connections.add(connection);
    connection.expireAt(credentialExpiry(this.services.db, principal));
    connection.start();
  }

  /** The live document, loaded from storage the first time it is needed. */
  load(name: DocumentName): LiveDocument {
    const key = documentName(name.kind, name.id);
    const found = this.documents.get(key);
    if (found) return found;
    const stored = this.store.load(key);
    const live = new LiveDocument(key, name, stored.doc, stored.clients, stored.updateCount);
    this.documents.set(key, live);
    live.awareness.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
      this.broadcastAwareness(live, [...added, ...updated, ...removed]);
    });
    this.seed(live);
    if (live.connections.size === 0) this.scheduleUnload(live);
    return live;
  }

  /** A settings document that was never written starts from what the directory holds. */
  private seed(live: LiveDocument): void {
    const edit = seedEdit(this.services.db, live.parsed, live.doc);
    if (edit !== undefined) this.serverEdit(live.parsed, systemUserId, edit);
  }

  // ConnectionHost

  receiveUpdate(connection: SyncConnection, update: Uint8Array, kind: 'step2' | 'update'): void {
    const live = connection.live;
    if (this.options.guard) {
      const verdict = guardUpdate(live.parsed.kind, live.doc, update, connection.context);
      if (!verdict.ok && verdict.missing && kind === 'update') {
        // A live change built on the sender's updates that have not arrived (typed while its answer
        // to the server's state is on the way, after a reconnect) is no offence: it is dropped, and
        // that answer, or a new request for everything the server lacks, brings it again. A refusal
        // would make the client rebuild the document and lose those updates.
        connection.requestMissing();
        return;
      }
      if (!verdict.ok) {
        this.refused(connection, verdict.reason);
        return;
      }
      const { inspection } = verdict;
      if (inspection.insertions.length + inspection.deletions.length + inspection.clients.length === 0) {
        // Nothing the document lacks, such as the empty answer every provider gives to the server's
        // state when it connects: no row to store and nothing to send to everyone else (with a
        // thousand clients reconnecting, that would be a million messages).
        this.whenStored(live, () => connection.send(storedMessage(live.doc)));
        return;
      }
      if (!connection.admitClients(inspection.clients)) {
        connection.close(closeCode.rateLimited, 'too many client ids');
        return;
      }
      for (const client of inspection.clients) live.bind(client, connection.userId);
    }
    try {
      Y.applyUpdate(live.doc, update, connection);
    } catch (error) {
      // The guard refuses every update it knows Yjs cannot apply whole, but Yjs is not ours: should
      // one still fail half-way, what it changed in memory cannot be told apart from the rest. The
      // memory is dropped unstored (with what waited to be stored, which its senders resend when they
      // reconnect) and the stored updates, each applied whole, are the document again.
      this.services.log.warn({ err: error, doc: live.name }, 'an update failed half-way; the document is reloaded from storage');
      this.refused(connection, 'The update cannot be applied to this document.');
      this.unload(live, closeCode.goingAway, 'the document is reloaded; reconnect', { compact: false });
      return;
    }
    live.pending.push({ update, sender: connection, userId: connection.userId });
    this.markDirty(live);
  }

  whenStored(live: LiveDocument, reply: () => void): void {
    if (live.pending.length === 0 && live.newBindings.length === 0) return reply();
    live.afterFlush.push(reply);
    this.markDirty(live);
  }

  now(): number {
    return this.services.now().getTime();
  }

  mayWork(): boolean {
    return this.workMs < receiveBudgetMs;
  }

  worked(ms: number): void {
    this.workMs += ms;
    this.scheduleTurn();
  }

  later(connection: SyncConnection): void {
    this.waiting.add(connection);
    this.scheduleTurn();
  }

  current(connection: SyncConnection): boolean {
    return this.recheck.current(connection);
  }

  admitMessage(connection: SyncConnection): boolean {
    return this.connections.admitMessage(connection.userId);
  }

  spendReply(connection: SyncConnection, bytes: number): boolean {
    return this.connections.spendReply(connection.userId, bytes);
  }

  holdPresence(connection: SyncConnection, client: number): boolean {
    if (connection.awarenessClients.has(client)) return true;
    if (!this.connections.takePresence(connection.userId)) return false;
    connection.awarenessClients.add(client);
    connection.live.presence.set(client, connection);
    return true;
  }

  releasePresence(connection: SyncConnection, client: number): void {
    if (!connection.awarenessClients.delete(client)) return;
    this.connections.returnPresence(connection.userId);
    if (connection.live.presence.get(client) === connection) connection.live.presence.delete(client);
  }

  closed(connection: SyncConnection): void {
    const live = connection.live;
    live.connections.delete(connection);
    this.connections.remove(connection);
    this.recheck.forget(connection);
    this.waiting.delete(connection);
    const held = [...connection.awarenessClients];
    for (const client of held) this.releasePresence(connection, client);
    if (held.length > 0) removeAwarenessStates(live.awareness, held, 'disconnect');
    // y-protocols keeps the clock of every client id it ever saw; those of a connection that is
    // gone, with no state and held by nobody, are forgotten with it.
    for (const client of connection.clientIds) {
      if (!live.awareness.states.has(client) && !live.presence.has(client)) live.awareness.meta.delete(client);
    }
    if (live.connections.size === 0) this.scheduleUnload(live);
  }

  private refused(connection: SyncConnection, reason: string): void {
    connection.refuse(reason);
    const { principal } = connection.grant;
    this.services.write(() =>
      this.services.audit.record({
        orgId: principal.orgId,
        actorId: principal.userId,
        action: 'document.write',
        resourceKind: connection.live.parsed.kind,
        resourceId: connection.live.parsed.id,
        projectId: connection.grant.projectId ?? null,
        outcome: 'denied',
        detail: { reason },
      }),
    );
  }

  /** Re-resolves a connection's credential and access: closed when it has none left, else judged by what it has now. */
  private regrant(connection: SyncConnection): void {
    const live = connection.live;
    const access = regrant(this.services.db, connection.token, live.parsed, this.services.now());
    if (!access.ok) return connection.close(closeFor[access.code], `access ended: ${access.code}`);
    connection.grant = access.grant;
    connection.context = guardContextFor(this.services.db, access.grant, live.parsed, (client) => live.ownerOf(client));
  }

  private markDirty(live: LiveDocument): void {
    this.dirty.add(live);
    this.scheduleTurn();
  }

  private scheduleTurn(): void {
    if (this.turnScheduled) return;
    this.turnScheduled = true;
    setImmediate(() => this.turn());
  }

  /**
   * One turn of the hub: one bounded batch stored and sent, then waiting messages taken for a few
   * milliseconds, connection after connection; another turn follows while anything waits. Sockets
   * are read between turns, so no document waits long behind a burst on another.
   */
  private turn(): void {
    this.turnScheduled = false;
    this.flush();
    this.workMs = 0;
    // Each waiting connection gets its share of the turn, so every document moves in every turn.
    const share = receiveBudgetMs / Math.max(1, this.waiting.size);
    for (const connection of [...this.waiting]) {
      this.waiting.delete(connection);
      const started = performance.now();
      if (connection.drain(started + share)) this.waiting.add(connection);
    }
    if (this.dirty.size > 0 || this.waiting.size > 0) this.scheduleTurn();
  }

  /**
   * Stores one batch of what waits, in one transaction, then at once sends it to everyone and
   * acknowledges it to its senders. A batch takes documents in the order their updates came, each
   * as much as fits in `batchLimits`; what is left goes in the next batch, after the sockets have
   * been served. `only` stores everything of one document now (before a server edit of it).
   */
  flush(only?: LiveDocument): void {
    const batch: { live: LiveDocument; taken: LiveDocument['pending']; complete: boolean }[] = [];
    let updates = 0;
    let bytes = 0;
    // Each document waiting gets its share of the batch, so that all of them are sent in every batch.
    const share = Math.max(1, Math.ceil(batchLimits.updates / Math.max(1, this.dirty.size)));
    for (const live of only === undefined ? this.dirty : [only]) {
      if (only === undefined && batch.length > 0 && (updates >= batchLimits.updates || bytes >= batchLimits.bytes)) break;
      let count = 0;
      while (count < live.pending.length && (only !== undefined || count === 0 || (count < share && updates < batchLimits.updates && bytes < batchLimits.bytes))) {
        bytes += (live.pending[count] as LiveDocument['pending'][number]).update.length;
        updates += 1;
        count += 1;
      }
      batch.push({ live, taken: live.pending.slice(0, count), complete: count === live.pending.length });
    }
    if (batch.length === 0) return;
    const merged = new Map(batch.map(({ live, taken }) => [live, mergeBySender(taken)]));
    try {
      this.services.write(() => {
        this.store.append(
          batch.flatMap(({ live }) => (merged.get(live) ?? []).map((m) => ({ docName: live.name, update: m.update, userId: m.userId }))),
          batch.flatMap(({ live }) => live.newBindings.map((b) => ({ docName: live.name, ...b }))),
        );
        for (const { live, taken } of batch) if (taken.length > 0) this.mirrorStored(live);
      });
    } catch (error) {
      this.services.log.error({ err: error }, 'storing document updates failed');
      // Nothing of the batch was acknowledged: drop the in-memory copies, so every client resends.
      for (const { live } of batch) this.unload(live, closeCode.goingAway, 'storage failed; reconnect', { compact: false });
      return;
    }
    for (const { live, taken, complete } of batch) {
      // A conversation its index removed in this very batch is gone, with its sockets.
      if (this.documents.get(live.name) !== live) continue;
      const stored = merged.get(live) ?? [];
      live.pending = live.pending.slice(taken.length);
      live.newBindings = [];
      this.dirty.delete(live);
      const senders = this.broadcast(live, stored);
      const ack = storedMessage(live.doc);
      for (const sender of senders) sender.send(ack);
      if (complete) {
        const replies = live.afterFlush;
        live.afterFlush = [];
        for (const reply of replies) reply();
      } else {
        // Back of the queue: one busy document does not keep the others waiting.
        this.dirty.add(live);
      }
      if (live.messageChanges !== undefined && taken.length > 0) this.indexer.schedule(live);
      live.updatesSinceSnapshot += stored.length;
      if (live.updatesSinceSnapshot >= this.options.compactAfterUpdates) this.compact(live);
    }
  }

  /**
   * Sends a stored batch to everyone connected as one message per connection: the batch merged,
   * less the connection's own updates, which it already has. One frame per connection instead of
   * one per update keeps the cost of a busy document's broadcast following its connections, not its
   * update rate. Returns the connections that sent updates in the batch.
   */
  private broadcast(live: LiveDocument, batch: readonly SenderUpdates[]): Set<SyncConnection> {
    const senders = new Set<SyncConnection>();
    for (const { sender } of batch) if (sender) senders.add(sender);
    let everything: Uint8Array[] | undefined;
    for (const connection of live.connections) {
      if (!senders.has(connection)) {
        if (batch.length === 0) continue;
        everything ??= mergeAll(batch.map((m) => m.update)).map(updateMessage);
        for (const message of everything) connection.send(message);
        continue;
      }
      const others = batch.filter((m) => m.sender !== connection);
      if (others.length > 0) for (const update of mergeAll(others.map((m) => m.update))) connection.send(updateMessage(update));
    }
    return senders;
  }

  private compact(live: LiveDocument): void {
    this.store.compact(live.name, live.doc);
    live.updatesSinceSnapshot = 0;
  }

  /**
   * A change made by the server for `userId` (a REST write of settings or of the conversation
   * index): applied under a client id of its own, bound to that user, stored at once, and sent to
   * everyone connected after the surrounding transaction commits. With `guarded` (a message posted
   * through the chat API, an answer the server streams for the member who asked), the edit is
   * built on a copy and judged by the update guard with that user's rights now, exactly as their
   * own socket's updates are; a refused edit throws `DocumentEditRefused` and leaves the document
   * as it was.
   */
  serverEdit(name: DocumentName, userId: string, edit: (doc: Y.Doc) => void, guarded = false): void {
    const live = this.load(name);
    // What the edit builds on is stored first.
    if (live.pending.length > 0) this.flush(live);
    const doc = live.doc;
    let client = randomInt(1, 2 ** 31);
    while (live.clients.has(client) || Y.getState(doc.store, client) > 0) client = randomInt(1, 2 ** 31);
    const update = guarded ? this.guardedUpdate(live, userId, client, edit) : this.directUpdate(doc, client, edit);
    if (update === null) return;
    live.bind(client, userId);
    this.services.write(() => {
      this.store.append([{ docName: live.name, update, userId }], live.newBindings.map((b) => ({ docName: live.name, ...b })));
      live.newBindings = [];
      this.mirrorStored(live);
    });
    live.updatesSinceSnapshot += 1;
    this.services.afterCommit(() => {
      const message = updateMessage(update);
      for (const connection of live.connections) connection.send(message);
      if (live.messageChanges !== undefined) this.indexer.schedule(live);
    });
  }

  /** Applies the edit to the live document; the update it made, or null when it changed nothing. */
  private directUpdate(doc: Y.Doc, client: number, edit: (doc: Y.Doc) => void): Uint8Array | null {
    doc.clientID = client;
    const before = Y.encodeStateVector(doc);
    doc.transact(() => edit(doc), 'server');
    const update = Y.encodeStateAsUpdate(doc, before);
    if (Y.encodeStateVector(doc).length === before.length && Y.decodeUpdate(update).structs.length === 0) return null;
    return update;
  }

  /** The edit made on a copy, judged as `userId`'s, then applied; null when it changed nothing. */
  private guardedUpdate(live: LiveDocument, userId: string, client: number, edit: (doc: Y.Doc) => void): Uint8Array | null {
    const draft = new Y.Doc({ gc: live.doc.gc });
    Y.applyUpdate(draft, Y.encodeStateAsUpdate(live.doc));
    draft.clientID = client;
    const before = Y.encodeStateVector(draft);
    draft.transact(() => edit(draft), 'server');
    const update = Y.encodeStateAsUpdate(draft, before);
    draft.destroy();
    const decoded = Y.decodeUpdate(update);
    if (decoded.structs.length === 0 && decoded.ds.clients.size === 0) return null;
    if (this.options.guard) {
      const judged = serverEditContext(this.services.db, live.parsed, userId, (owner) => live.ownerOf(owner));
      const verdict = 'refused' in judged ? { ok: false as const, reason: judged.refused } : guardUpdate(live.parsed.kind, live.doc, update, judged.context);
      if (!verdict.ok) throw new DocumentEditRefused(verdict.reason);
    }
    Y.applyUpdate(live.doc, update, 'server');
    return update;
  }

  /**
   * In the transaction that stores a document's updates: the directory rows it decides (a
   * conversation the index removed goes for good), or, for a conversation, the mark that its
   * messages wait to be indexed.
   */
  private mirrorStored(live: LiveDocument): void {
    if (live.parsed.kind === 'conversation') return this.indexer.mark(live);
    for (const id of this.mirror.mirror(live).removedConversations) this.forget({ kind: 'conversation', id });
  }

  /** Brings the message search index and the agent runs up to date with every stored message now, before they are read. */
  settle(): void {
    this.indexer.run();
  }

  /**
   * Deletes a document for good: its stored updates, snapshot and client bindings go in the
   * transaction under way; once that commits, its live copy is dropped unstored and its sockets
   * close as for a document that does not exist.
   */
  forget(name: DocumentName): void {
    const key = documentName(name.kind, name.id);
    this.store.remove(key);
    this.services.afterCommit(() => {
      const live = this.documents.get(key);
      if (live) this.unload(live, closeCode.notFound, 'the document was deleted', { compact: false });
    });
  }

  private broadcastAwareness(live: LiveDocument, clients: number[]): void {
    if (clients.length === 0) return;
    const message = awarenessMessage(encodeAwarenessUpdate(live.awareness, clients));
    for (const connection of live.connections) connection.send(message);
  }

  private scheduleUnload(live: LiveDocument): void {
    if (live.idleTimer) clearTimeout(live.idleTimer);
    live.idleTimer = setTimeout(() => {
      if (live.connections.size === 0 && live.pending.length === 0) this.unload(live, closeCode.goingAway, 'idle');
    }, this.options.idleUnloadMs);
    live.idleTimer.unref();
  }

  /**
   * Closes the document's sockets and drops it from memory; `compact: false` when memory is no
   * longer to be trusted, and then its messages are left for the index to read from storage.
   */
  private unload(live: LiveDocument, code: number, reason: string, { compact } = { compact: true }): void {
    for (const connection of [...live.connections]) connection.close(code, reason);
    if (compact && live.pending.length === 0) {
      this.indexer.run(live);
      if (live.updatesSinceSnapshot > 0) {
        try {
          this.compact(live);
        } catch (error) {
          this.services.log.error({ err: error }, 'compacting a document failed');
        }
      }
    }
    this.indexer.drop(live);
    this.dirty.delete(live);
    live.destroy();
    this.documents.delete(live.name);
  }

  /** Documents in memory, for tests and monitoring. */
  get loaded(): number {
    return this.documents.size;
  }

  /** Connections re-checked after directory changes so far, and those waiting to be, for tests and monitoring. */
  get rechecks(): { readonly done: number; readonly waiting: number } {
    return { done: this.recheck.regranted, waiting: this.recheck.waiting };
  }

  /** Change-feed notices sent so far, for tests and monitoring. */
  get notices(): number {
    return this.notice.sent;
  }

  async close(): Promise<void> {
    this.closing = true;
    while (this.dirty.size > 0) this.flush();
    for (const live of [...this.documents.values()]) this.unload(live, closeCode.goingAway, 'server shutting down');
    this.indexer.close();
    await new Promise<void>((resolve) => this.sockets.close(() => resolve()));
  }
}
