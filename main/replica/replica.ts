import { randomUUID } from 'node:crypto';
import type { Statement } from 'better-sqlite3';
import type { MyRoles } from '../../shared/app-api/app-api-contract';
import type { OrgRole, ProjectRole } from '../../shared/domain/roles';
import type { Change, ChangeUpsert, ReplicatedEntity, ReplicatedKind } from '../../shared/rest/change-endpoints';
import { documentName } from '../../shared/sync/document-name';
import type { LocalDatabase } from '../store/local-database';
import { entityProjectId } from './entity-project';
import { MessageIndex } from './message-index';

/** Whose replica: one user in one organization. The change feed is cut to exactly that. */
export interface ReplicaScope {
  readonly orgId: string;
  readonly userId: string;
}

export interface DroppedEntity {
  readonly kind: ReplicatedKind;
  readonly id: string;
}

/** What one applied page (or a purge) changed locally. */
export interface ApplyResult {
  /** Kinds with at least one entity added, changed or removed: the payload of `directory.changed`. */
  readonly changedKinds: ReplicatedKind[];
  /** Every entity removed, including those removed because what held them went. */
  readonly dropped: DroppedEntity[];
  /** Conversations gone from this device: the document store purges their documents. */
  readonly droppedConversationIds: string[];
  /** Projects gone from this device: the document store purges their project documents. */
  readonly droppedProjectIds: string[];
  /** Projects and conversations added or changed: the documents whose stored state may have moved, to fetch in the background. */
  readonly changedDocuments: string[];
}

export interface ApplyOptions {
  /**
   * The page is the whole of what the caller may see (a sync from cursor 0): anything held locally
   * and absent from it is dropped, so a replica that missed tombstones heals.
   */
  readonly snapshot?: boolean;
}

interface StateRow {
  user_id: string;
  replica_id: string;
  cursor: number;
  last_sync_at: string | null;
}

type RoleScope = 'org' | 'project' | 'workgroup';

/** Collects what a transaction removed and which kinds it touched, each once. */
class Changes {
  readonly kinds = new Set<ReplicatedKind>();
  readonly dropped = new Map<string, DroppedEntity>();
  readonly conversations = new Set<string>();
  readonly projects = new Set<string>();
  readonly documents = new Set<string>();

  drop(kind: ReplicatedKind, id: string): void {
    this.dropped.set(`${kind}:${id}`, { kind, id });
    this.kinds.add(kind);
  }

  result(): ApplyResult {
    return {
      changedKinds: [...this.kinds],
      dropped: [...this.dropped.values()],
      droppedConversationIds: [...this.conversations],
      droppedProjectIds: [...this.projects],
      changedDocuments: [...this.documents],
    };
  }
}

/**
 * The local replica of the directory one user may see in one organization, in the local SQLite
 * database: entities as the server sent them, the change feed cursor, and the user's own roles.
 * Reads never touch the network. Writes come from the change feed, a page at a time, each page
 * in one transaction with its cursor.
 */
export class Replica {
  private readonly index: MessageIndex;
  private readonly sql: {
    state: Statement<[string], StateRow>;
    setCursor: Statement<[number, string, string]>;
    resetState: Statement<[string]>;
    upsert: Statement<[string, string, string, string | null, string]>;
    remove: Statement<[string, string, string]>;
    conversationsOf: Statement<[string, string], { id: string }>;
    all: Statement<[string], { kind: string; id: string; project_id: string | null }>;
    list: Statement<[string, string], { data: string }>;
    listInProject: Statement<[string, string, string], { data: string }>;
    get: Statement<[string, string, string], { data: string }>;
    roles: Statement<[string], { scope: RoleScope; scope_id: string; role: string }>;
    clearRoles: Statement<[string]>;
    addRole: Statement<[string, RoleScope, string, string]>;
  };

  private constructor(
    private readonly db: LocalDatabase,
    readonly scope: ReplicaScope,
  ) {
    this.index = new MessageIndex(db);
    this.sql = {
      state: db.prepare('SELECT user_id, replica_id, cursor, last_sync_at FROM replica_state WHERE org_id = ?'),
      setCursor: db.prepare('UPDATE replica_state SET cursor = ?, last_sync_at = ? WHERE org_id = ?'),
      resetState: db.prepare('UPDATE replica_state SET cursor = 0, last_sync_at = NULL WHERE org_id = ?'),
      upsert: db.prepare(
        `INSERT INTO replica_entities (org_id, kind, id, project_id, data) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (org_id, kind, id) DO UPDATE SET project_id = excluded.project_id, data = excluded.data
         WHERE data IS NOT excluded.data OR project_id IS NOT excluded.project_id`,
      ),
      remove: db.prepare('DELETE FROM replica_entities WHERE org_id = ? AND kind = ? AND id = ?'),
      conversationsOf: db.prepare("SELECT id FROM replica_entities WHERE org_id = ? AND kind = 'conversation' AND project_id = ?"),
      all: db.prepare('SELECT kind, id, project_id FROM replica_entities WHERE org_id = ?'),
      list: db.prepare('SELECT data FROM replica_entities WHERE org_id = ? AND kind = ? ORDER BY id'),
      listInProject: db.prepare('SELECT data FROM replica_entities WHERE org_id = ? AND kind = ? AND project_id = ? ORDER BY id'),
      get: db.prepare('SELECT data FROM replica_entities WHERE org_id = ? AND kind = ? AND id = ?'),
      roles: db.prepare('SELECT scope, scope_id, role FROM replica_roles WHERE org_id = ? ORDER BY scope, scope_id'),
      clearRoles: db.prepare('DELETE FROM replica_roles WHERE org_id = ?'),
      addRole: db.prepare('INSERT INTO replica_roles (org_id, scope, scope_id, role) VALUES (?, ?, ?, ?)'),
    };
  }

  /**
   * The replica of `scope` in this database. The organization's replica belongs to one user: if
   * another user's is found (someone else signed in on this device), it is purged first, and the
   * new one starts from cursor 0 under a new replica id.
   */
  static open(db: LocalDatabase, scope: ReplicaScope): Replica {
    const replica = new Replica(db, scope);
    db.transaction(() => {
      const state = replica.state();
      if (state?.user_id === scope.userId) return;
      if (state !== undefined) replica.purge();
      db.prepare('INSERT OR REPLACE INTO replica_state (org_id, user_id, replica_id, cursor, last_sync_at) VALUES (?, ?, ?, 0, NULL)').run(
        scope.orgId,
        scope.userId,
        randomUUID(),
      );
    })();
    return replica;
  }

  /** The search index over the same database, for search and for the document layer to feed. */
  get messages(): MessageIndex {
    return this.index;
  }

  /** The change feed cursor of the last applied page; 0 before the first. */
  get cursor(): number {
    return this.requireState().cursor;
  }

  /** This device's replica id, which the change feed keeps its own record of what was sent for. */
  get replicaId(): string {
    return this.requireState().replica_id;
  }

  /** When a page was last applied; `null` before the first. */
  get lastSyncAt(): string | null {
    return this.requireState().last_sync_at;
  }

  /**
   * Applies one page of the change feed and moves the cursor, in one transaction. An upsert
   * replaces the entity; a tombstone removes it and what lives under it locally (a project's
   * conversations, a conversation's indexed messages).
   */
  apply(changes: readonly Change[], cursor: number, options: ApplyOptions = {}): ApplyResult {
    return this.db.transaction(() => {
      const collected = new Changes();
      const present = new Set<string>();
      for (const change of changes) {
        if (change.op === 'upsert') {
          present.add(`${change.kind}:${change.id}`);
          if (this.upsert(change)) {
            collected.kinds.add(change.kind);
            if (change.kind === 'project' || change.kind === 'conversation') collected.documents.add(documentName(change.kind, change.id));
          }
        } else {
          this.drop(change.kind, change.id, collected);
        }
      }
      const orgGone = collected.dropped.has(`organization:${this.scope.orgId}`);
      if (options.snapshot === true || orgGone) {
        // Losing the organization itself means losing everything in it, whatever else the page said.
        for (const row of this.sql.all.all(this.scope.orgId)) {
          if (orgGone || !present.has(`${row.kind}:${row.id}`)) this.drop(row.kind as ReplicatedKind, row.id, collected);
        }
      }
      this.sql.setCursor.run(cursor, new Date().toISOString(), this.scope.orgId);
      return collected.result();
    })();
  }

  /** Everything of this organization removed from the device: signed out, or access revoked. */
  purge(): ApplyResult {
    return this.db.transaction(() => {
      const collected = new Changes();
      for (const row of this.sql.all.all(this.scope.orgId)) this.drop(row.kind as ReplicatedKind, row.id, collected);
      this.sql.clearRoles.run(this.scope.orgId);
      this.sql.resetState.run(this.scope.orgId);
      return collected.result();
    })();
  }

  /** The entities of a kind, optionally only those of one project (see `entityProjectId`). */
  list<K extends ReplicatedKind>(kind: K, projectId?: string): ReplicatedEntity<K>[] {
    const rows =
      projectId === undefined ? this.sql.list.all(this.scope.orgId, kind) : this.sql.listInProject.all(this.scope.orgId, kind, projectId);
    // Stored by `apply` from pages validated against the change feed schema.
    return rows.map((row) => JSON.parse(row.data) as ReplicatedEntity<K>);
  }

  get<K extends ReplicatedKind>(kind: K, id: string): ReplicatedEntity<K> | undefined {
    const row = this.sql.get.get(this.scope.orgId, kind, id);
    // Through an array: the compiler cannot widen a mapped generic entity type to include undefined.
    const found = row === undefined ? [] : [JSON.parse(row.data) as ReplicatedEntity<K>];
    return found[0];
  }

  /** The user's own roles as last fetched; empty (and `orgRole` null) before the first fetch. */
  myRoles(): MyRoles {
    const roles: MyRoles = { orgRole: null, projects: {}, workgroups: {} };
    for (const row of this.sql.roles.all(this.scope.orgId)) {
      if (row.scope === 'org') roles.orgRole = row.role as OrgRole;
      else if (row.scope === 'project') roles.projects[row.scope_id] = row.role as ProjectRole;
      else roles.workgroups[row.scope_id] = row.role as ProjectRole;
    }
    return roles;
  }

  /** Replaces the stored roles; answers whether they differ from what was stored. */
  setRoles(roles: MyRoles): boolean {
    return this.db.transaction(() => {
      const before = JSON.stringify(this.myRoles());
      this.sql.clearRoles.run(this.scope.orgId);
      const { orgId } = this.scope;
      if (roles.orgRole !== null) this.sql.addRole.run(orgId, 'org', orgId, roles.orgRole);
      for (const [id, role] of Object.entries(roles.projects)) this.sql.addRole.run(orgId, 'project', id, role);
      for (const [id, role] of Object.entries(roles.workgroups)) this.sql.addRole.run(orgId, 'workgroup', id, role);
      return JSON.stringify(this.myRoles()) !== before;
    })();
  }

  private state(): StateRow | undefined {
    return this.sql.state.get(this.scope.orgId);
  }

  private requireState(): StateRow {
    const state = this.state();
    if (state === undefined) throw new Error(`The replica of organization ${this.scope.orgId} is not open.`);
    return state;
  }

  /** Stores the entity; answers whether anything changed. */
  private upsert(change: ChangeUpsert): boolean {
    const data = JSON.stringify(change.entity);
    return this.sql.upsert.run(this.scope.orgId, change.kind, change.id, entityProjectId(change), data).changes > 0;
  }

  private drop(kind: ReplicatedKind, id: string, collected: Changes): void {
    const { orgId } = this.scope;
    const held = this.sql.remove.run(orgId, kind, id).changes > 0;
    if (held) collected.drop(kind, id);
    if (kind === 'conversation') {
      this.index.remove(id);
      if (held) collected.conversations.add(id);
    } else if (kind === 'project') {
      const conversations = this.index.removeProject(id);
      for (const row of this.sql.conversationsOf.all(orgId, id)) {
        this.sql.remove.run(orgId, 'conversation', row.id);
        this.index.remove(row.id);
        collected.drop('conversation', row.id);
        conversations.push(row.id);
      }
      for (const conversationId of conversations) collected.conversations.add(conversationId);
      if (held || conversations.length > 0) collected.projects.add(id);
    }
  }
}
