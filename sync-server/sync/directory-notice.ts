import { ReplicatedKind } from '../../shared/rest/change-endpoints';
import type { ViewerContext } from '../../shared/policy/visibility';
import { encodeSyncMessage } from '../../shared/sync/sync-codec';
import { loadViewerContext } from '../access/viewer-context';
import type { ChangeEvent } from '../changes/change-log';
import { specOf } from '../changes/replicated-kinds';
import type { LoadedEntity } from '../changes/replicated-kinds';
import type { SqliteDatabase } from '../store/database';
import type { ConnectionRegistry } from './connection-registry';
import type { SyncConnection } from './sync-connection';

/** One changed entity of a batch, loaded once for every viewer it is judged for. */
interface Touched {
  readonly kind: ReplicatedKind;
  readonly id: string;
  readonly entity: LoadedEntity<ReplicatedKind> | undefined;
}

/**
 * Tells connected apps that their organization's change feed advanced (message 102), so they pull
 * it now instead of on a timer: once per credential (a device), on a socket it already holds, and
 * only to people the changes concern: those who may see a changed entity now, those whose replica
 * holds it (they get its tombstone), and those whose own access changed (`access`, so they read
 * their roles again). Runs after the change's request has been answered.
 */
export class DirectoryNotice {
  private readonly queued: ChangeEvent[] = [];
  private scheduled = false;
  /** Notices sent so far, for tests and monitoring. */
  sent = 0;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly registry: ConnectionRegistry,
  ) {}

  changed(events: readonly ChangeEvent[]): void {
    this.queued.push(...events);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.send());
  }

  private send(): void {
    this.scheduled = false;
    const byOrg = new Map<string, ChangeEvent[]>();
    for (const event of this.queued.splice(0)) {
      const list = byOrg.get(event.orgId) ?? [];
      list.push(event);
      byOrg.set(event.orgId, list);
    }
    for (const [orgId, events] of byOrg) this.notify(orgId, events);
  }

  private notify(orgId: string, events: readonly ChangeEvent[]): void {
    const targets = [...this.registry.onePerCredential(orgId)];
    if (targets.length === 0) return;
    const cursor = Math.max(...events.map((event) => event.seq));
    const accessOf = new Set(events.filter((event) => event.kind === 'access').map((event) => event.entityId));
    const touched = this.touched(orgId, events);
    const verdicts = new Map<string, boolean>();
    for (const connection of targets) {
      const access = accessOf.has(connection.userId);
      let concerned = verdicts.get(connection.userId);
      if (concerned === undefined) {
        concerned = access || this.concerns(connection, touched);
        verdicts.set(connection.userId, concerned);
      }
      if (!concerned) continue;
      connection.send(encodeSyncMessage({ type: 'directory-changed', cursor, access }));
      this.sent += 1;
    }
  }

  /** Each replicated entity the events name, once, as it is now (undefined when it is gone). */
  private touched(orgId: string, events: readonly ChangeEvent[]): Touched[] {
    const seen = new Map<string, Touched>();
    for (const event of events) {
      const kind = ReplicatedKind.safeParse(event.kind);
      if (!kind.success) continue;
      const key = `${kind.data}\u0000${event.entityId}`;
      if (seen.has(key)) continue;
      seen.set(key, { kind: kind.data, id: event.entityId, entity: specOf(kind.data).load(this.db, orgId, event.entityId) });
    }
    return [...seen.values()];
  }

  /** Whether the connection's user may see one of the entities now, or their replica holds one. */
  private concerns(connection: SyncConnection, touched: readonly Touched[]): boolean {
    if (touched.length === 0) return false;
    let viewer: ViewerContext | undefined;
    for (const { kind, id, entity } of touched) {
      if (entity !== undefined) {
        viewer ??= loadViewerContext(this.db, connection.grant.principal);
        if (entity.visibleTo(viewer)) return true;
      }
      if (this.holds(connection, kind, id)) return true;
    }
    return false;
  }

  private holds(connection: SyncConnection, kind: ReplicatedKind, id: string): boolean {
    return (
      this.db
        .prepare('SELECT 1 FROM replica_grants WHERE user_id = ? AND org_id = ? AND kind = ? AND entity_id = ? LIMIT 1')
        .get(connection.userId, connection.grant.principal.orgId, kind, id) !== undefined
    );
  }
}
