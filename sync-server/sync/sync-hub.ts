import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { randomInt } from 'node:crypto';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import * as Y from 'yjs';
import { encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import { parseDocumentName } from '../../shared/sync/document-name';
import type { DocumentName } from '../../shared/sync/document-name';
import { documentSchema } from '../../shared/sync/document-schema';
import type { SettingsRoot } from '../../shared/sync/document-schema';
import { closeCode, syncPathPrefix } from '../../shared/sync/sync-protocol';
import { guardUpdate } from '../../shared/sync/update-guard';
import { passToken } from '../auth/credential-gate';
import type { ChangeEvent } from '../changes/change-log';
import type { Services } from '../http/services';
import type { AccessResult } from './document-access';
import { grantFor, guardContextFor, regrant } from './document-access';
import { mirrorDocument } from './document-mirror';
import type { DocumentStore } from './document-store';
import { LiveDocument } from './live-document';
import type { SenderUpdates } from './merge-updates';
import { mergeAll, mergeBySender } from './merge-updates';
import type { ConnectionHost, ConnectionLimits } from './sync-connection';
import { awarenessMessage, storedMessage, SyncConnection, updateMessage } from './sync-connection';

export interface SyncOptions extends ConnectionLimits {
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

/** The user whose edits seed a document from the directory; owns no entries. */
export const systemUserId = 'system';

/**
 * The realtime side of the sync server: documents loaded on demand, every incoming update checked
 * by the guard before it is applied, stored in batches (one fsync each) before it is broadcast or
 * acknowledged, and every connection re-checked as soon as access may have changed.
 */
export class SyncHub implements ConnectionHost {
  private readonly documents = new Map<string, LiveDocument>();
  private readonly sockets = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: 0 });
  private flushScheduled = false;
  private closing = false;

  constructor(
    private readonly services: Services,
    private readonly store: DocumentStore,
    private readonly options: SyncOptions,
  ) {
    // ws enforces its own ceiling so an oversize frame is never buffered whole; the connection
    // closes with the protocol's own code for anything between the limit and that ceiling.
    this.sockets.options.maxPayload = options.maxMessageBytes * 2;
    services.changes.subscribe((events) => this.recheck(events));
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
    const connection = new SyncConnection(ws, live, token, access.grant, guardContextFor(this.services.db, access.grant, name, live.clients), this, this.options);
    if (live.idleTimer) {
      clearTimeout(live.idleTimer);
      live.idleTimer = undefined;
    }
    live.connections.add(connection);
    connection.start();
  }

  /** The live document, loaded from storage the first time it is needed. */
  load(name: DocumentName): LiveDocument {
    const key = `${name.kind}:${name.id}`;
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
    if (live.parsed.kind === 'conversation' || live.doc.getMap('settings').size > 0) return;
    const root = documentSchema[live.parsed.kind]['settings'] as SettingsRoot;
    const row =
      live.parsed.kind === 'project'
        ? (this.services.db.prepare('SELECT config, default_model_id FROM projects WHERE id = ?').get(live.parsed.id) as { config: string; default_model_id: string | null } | undefined)
        : (this.services.db.prepare('SELECT settings AS config, NULL AS default_model_id FROM workgroups WHERE id = ?').get(live.parsed.id) as
            | { config: string; default_model_id: null }
            | undefined);
    if (!row) return;
    const values: Record<string, unknown> = { ...(JSON.parse(row.config) as Record<string, unknown>) };
    if (live.parsed.kind === 'project') values['defaultModelId'] = row.default_model_id;
    const differs = Object.keys(root.defaults).some((k) => k in values && JSON.stringify(values[k]) !== JSON.stringify(root.defaults[k]));
    if (!differs) return;
    this.serverEdit(live.parsed, systemUserId, (doc) => {
      const settings = doc.getMap('settings');
      for (const k of Object.keys(root.fields)) if (k in values) settings.set(k, values[k]);
    });
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
    this.scheduleFlush();
  }

  whenStored(live: LiveDocument, reply: () => void): void {
    if (live.pending.length === 0 && live.newBindings.length === 0) return reply();
    live.afterFlush.push(reply);
    // Bindings made by presence alone have no update to carry them to disk: flush for them.
    this.scheduleFlush();
  }

  closed(connection: SyncConnection): void {
    const live = connection.live;
    live.connections.delete(connection);
    if (connection.awarenessClients.size > 0) removeAwarenessStates(live.awareness, [...connection.awarenessClients], 'disconnect');
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

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => this.flush());
  }

  /** Stores every pending update in one transaction, then broadcasts and acknowledges them. */
  flush(): void {
    this.flushScheduled = false;
    const batch = [...this.documents.values()].filter((live) => live.pending.length > 0 || live.newBindings.length > 0);
    if (batch.length === 0) return;
    const merged = new Map(batch.map((live) => [live, mergeBySender(live.pending)]));
    try {
      this.services.write(() => {
        this.store.append(
          batch.flatMap((live) => (merged.get(live) ?? []).map((m) => ({ docName: live.name, update: m.update, userId: m.userId }))),
          batch.flatMap((live) => live.newBindings.map((b) => ({ docName: live.name, ...b }))),
        );
        for (const live of batch) mirrorDocument(this.services, live);
      });
    } catch (error) {
      this.services.log.error({ err: error }, 'storing document updates failed');
      // Nothing of the batch was acknowledged: drop the in-memory copies, so every client resends.
      for (const live of batch) this.unload(live, closeCode.goingAway, 'storage failed; reconnect', { compact: false });
      return;
    }
    for (const live of batch) {
      const stored = merged.get(live) ?? [];
      const replies = live.afterFlush;
      live.pending = [];
      live.newBindings = [];
      live.afterFlush = [];
      const senders = this.broadcast(live, stored);
      const ack = storedMessage(live.doc);
      for (const sender of senders) sender.send(ack);
      for (const reply of replies) reply();
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
   * everyone connected after the surrounding transaction commits.
   */
  serverEdit(name: DocumentName, userId: string, edit: (doc: Y.Doc) => void): void {
    const live = this.load(name);
    if (live.pending.length > 0) this.flush();
    const doc = live.doc;
    let client = randomInt(1, 2 ** 31);
    while (live.clients.has(client) || Y.getState(doc.store, client) > 0) client = randomInt(1, 2 ** 31);
    doc.clientID = client;
    const before = Y.encodeStateVector(doc);
    doc.transact(() => edit(doc), 'server');
    const update = Y.encodeStateAsUpdate(doc, before);
    if (Y.encodeStateVector(doc).length === before.length && Y.decodeUpdate(update).structs.length === 0) return;
    live.bind(client, userId);
    this.services.write(() => {
      this.store.append([{ docName: live.name, update, userId }], live.newBindings.map((b) => ({ docName: live.name, ...b })));
      live.newBindings = [];
      mirrorDocument(this.services, live);
    });
    live.updatesSinceSnapshot += 1;
    this.services.afterCommit(() => {
      const message = updateMessage(update);
      for (const connection of live.connections) connection.send(message);
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

  /** Closes the document's sockets and drops it from memory; `compact: false` when memory is no longer to be trusted. */
  private unload(live: LiveDocument, code: number, reason: string, { compact } = { compact: true }): void {
    for (const connection of [...live.connections]) connection.close(code, reason);
    if (compact && live.pending.length === 0 && live.updatesSinceSnapshot > 0) {
      try {
        this.compact(live);
      } catch (error) {
        this.services.log.error({ err: error }, 'compacting a document failed');
      }
    }
    live.destroy();
    this.documents.delete(live.name);
  }

  /** Re-checks the connections a committed change may affect: revoked access closes them at once. */
  recheck(events: readonly ChangeEvent[]): void {
    const users = new Set<string>();
    const orgs = new Set<string>();
    for (const event of events) {
      if (event.kind === 'access') users.add(event.entityId);
      else if (event.kind !== 'model' && event.kind !== 'invitation') orgs.add(event.orgId);
    }
    if (users.size === 0 && orgs.size === 0) return;
    for (const live of [...this.documents.values()]) {
      for (const connection of [...live.connections]) {
        const principal = connection.grant.principal;
        if (!users.has(principal.userId) && !orgs.has(principal.orgId)) continue;
        const access = regrant(this.services.db, connection.token, live.parsed, this.services.now());
        if (!access.ok) {
          connection.close(closeFor[access.code], `access ended: ${access.code}`);
          continue;
        }
        connection.grant = access.grant;
        connection.context = guardContextFor(this.services.db, access.grant, live.parsed, live.clients);
      }
    }
  }

  /** Documents in memory, for tests and monitoring. */
  get loaded(): number {
    return this.documents.size;
  }

  async close(): Promise<void> {
    this.closing = true;
    if (this.flushScheduled) this.flush();
    for (const live of [...this.documents.values()]) this.unload(live, closeCode.goingAway, 'server shutting down');
    await new Promise<void>((resolve) => this.sockets.close(() => resolve()));
  }
}
