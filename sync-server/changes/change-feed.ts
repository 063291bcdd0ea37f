import type { Change, ChangePage, ReplicatedKind } from '../../shared/rest/change-endpoints';
import { ReplicatedKind as ReplicatedKindSchema, replicatedKinds } from '../../shared/rest/change-endpoints';
import type { ViewerContext } from '../../shared/policy/visibility';
import { loadViewerContext } from '../access/viewer-context';
import { badRequest } from '../http/api-error';
import type { Principal } from '../http/principal';
import type { Services } from '../http/services';
import type { SqliteDatabase } from '../store/database';
import { specOf } from './replicated-kinds';

interface ChangeRow {
  seq: number;
  kind: string;
  entity_id: string;
  user_id: string | null;
}

const grantKey = (kind: string, id: string) => `${kind}\u0000${id}`;

/** What one user's replica holds in one organization, as recorded in `replica_grants`. */
class Grants {
  private readonly held: Set<string>;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly viewer: ViewerContext,
    private readonly replica: string,
  ) {
    const rows = db
      .prepare('SELECT kind, entity_id FROM replica_grants WHERE user_id = ? AND replica_id = ? AND org_id = ?')
      .all(viewer.userId, replica, viewer.orgId) as { kind: string; entity_id: string }[];
    this.held = new Set(rows.map((r) => grantKey(r.kind, r.entity_id)));
  }

  has(kind: string, id: string): boolean {
    return this.held.has(grantKey(kind, id));
  }

  /** Every grant, for re-checking all of them after the user's access changed. */
  entries(): { kind: string; id: string }[] {
    return [...this.held].map((key) => {
      const [kind = '', id = ''] = key.split('\u0000');
      return { kind, id };
    });
  }

  give(kind: ReplicatedKind, id: string): void {
    if (this.has(kind, id)) return;
    this.db
      .prepare('INSERT OR IGNORE INTO replica_grants (user_id, replica_id, org_id, kind, entity_id) VALUES (?, ?, ?, ?, ?)')
      .run(this.viewer.userId, this.replica, this.viewer.orgId, kind, id);
    this.held.add(grantKey(kind, id));
  }

  take(kind: string, id: string): void {
    this.db
      .prepare('DELETE FROM replica_grants WHERE user_id = ? AND replica_id = ? AND org_id = ? AND kind = ? AND entity_id = ?')
      .run(this.viewer.userId, this.replica, this.viewer.orgId, kind, id);
    this.held.delete(grantKey(kind, id));
  }
}

/**
 * The decision for one entity: visible now → the whole entity (and a grant); held but no longer
 * visible, or gone → a tombstone (and the grant dropped); never held → nothing, so the feed never
 * tells anyone that an id exists.
 */
function evaluate(db: SqliteDatabase, viewer: ViewerContext, grants: Grants, kind: string, id: string): Change | undefined {
  const known = ReplicatedKindSchema.safeParse(kind);
  if (!known.success) return undefined;
  const loaded = specOf(known.data).load(db, viewer.orgId, id);
  if (loaded?.visibleTo(viewer) === true) {
    grants.give(known.data, id);
    return { kind: known.data, id, op: 'upsert', entity: loaded.entityFor(viewer) } as Change;
  }
  if (!grants.has(known.data, id)) return undefined;
  grants.take(known.data, id);
  return { kind: known.data, id, op: 'delete' };
}

/** Everything the viewer may see now, and a tombstone for everything they hold and no longer may. */
function fullSync(db: SqliteDatabase, viewer: ViewerContext, grants: Grants): Change[] {
  const upserts: Change[] = [];
  const visible = new Set<string>();
  for (const kind of replicatedKinds) {
    for (const loaded of specOf(kind).all(db, viewer.orgId)) {
      if (!loaded.visibleTo(viewer)) continue;
      const entity = loaded.entityFor(viewer);
      grants.give(kind, entity.id);
      visible.add(grantKey(kind, entity.id));
      upserts.push({ kind, id: entity.id, op: 'upsert', entity } as Change);
    }
  }
  const deletes: Change[] = [];
  for (const { kind, id } of grants.entries()) {
    if (visible.has(grantKey(kind, id))) continue;
    grants.take(kind, id);
    const known = ReplicatedKindSchema.safeParse(kind);
    if (known.success) deletes.push({ kind: known.data, id, op: 'delete' });
  }
  return [...upserts, ...deletes];
}

/**
 * One page of the caller's change feed after `since`. Only the caller's organization's rows are
 * read; each entity touched is judged once, as it is now, so the newest state wins. A row saying
 * the caller's own access changed makes the page a full re-scan, which re-checks every grant.
 * Writes grants: run inside `services.write`.
 */
export function readChangeFeed(services: Services, principal: Principal, since: number, limit: number, replica = 'default'): ChangePage {
  const db = services.db;
  const latest = services.changes.head(principal.orgId);
  if (since > latest) throw badRequest('since is ahead of the change feed: pass a cursor this server gave you, or 0', 'since');
  const viewer = loadViewerContext(db, principal);
  const grants = new Grants(db, viewer, replica);
  if (since === 0) return { changes: fullSync(db, viewer, grants), cursor: latest, hasMore: false, access: true };

  const rows = db
    .prepare('SELECT org_seq AS seq, kind, entity_id, user_id FROM changes WHERE org_id = ? AND org_seq > ? ORDER BY org_seq LIMIT ?')
    .all(principal.orgId, since, limit + 1) as ChangeRow[];
  const hasMore = rows.length > limit;
  const page = rows.slice(0, limit);
  const cursor = hasMore ? (page.at(-1)?.seq ?? since) : latest;

  if (page.some((row) => row.kind === 'access' && row.user_id === principal.userId)) {
    return { changes: fullSync(db, viewer, grants), cursor, hasMore, access: true };
  }
  // Latest wins: each entity once, in the order of its newest row.
  const newest = new Map<string, ChangeRow>();
  for (const row of page) {
    if (row.kind === 'access') continue;
    const key = grantKey(row.kind, row.entity_id);
    newest.delete(key);
    newest.set(key, row);
  }
  const changes: Change[] = [];
  for (const row of newest.values()) {
    const change = evaluate(db, viewer, grants, row.kind, row.entity_id);
    if (change !== undefined) changes.push(change);
  }
  return { changes, cursor, hasMore, access: false };
}
