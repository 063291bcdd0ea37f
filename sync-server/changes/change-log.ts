import type { SqliteDatabase } from '../store/database';

/**
 * Kinds of directory entity a replica holds. `access` is not an entity: it marks that one user's
 * access changed, so their next feed page re-evaluates everything they were given.
 */
export type ChangeKind =
  | 'organization'
  | 'user'
  | 'workgroup'
  | 'project'
  | 'model'
  | 'agent'
  | 'conversation'
  | 'invitation'
  | 'api-key'
  | 'knowledge-base'
  | 'access';

export interface ChangeEvent {
  readonly orgId: string;
  readonly kind: ChangeKind;
  /** The entity, or for `access` the user whose access changed. */
  readonly entityId: string;
}

/**
 * Appends to the change feed; call inside the transaction of the change it announces. Subscribers
 * (the realtime hub) hear of the changes once that transaction has committed.
 */
export class ChangeLog {
  private readonly listeners: ((events: readonly ChangeEvent[]) => void)[] = [];
  private queued: ChangeEvent[] = [];

  constructor(
    private readonly db: SqliteDatabase,
    private readonly now: () => Date,
    private readonly afterCommit: (fn: () => void) => void,
  ) {}

  subscribe(listener: (events: readonly ChangeEvent[]) => void): void {
    this.listeners.push(listener);
  }

  touch(orgId: string, kind: Exclude<ChangeKind, 'access'>, entityId: string): void {
    this.db
      .prepare('INSERT INTO changes (org_id, kind, entity_id, user_id, at) VALUES (?, ?, ?, NULL, ?)')
      .run(orgId, kind, entityId, this.now().toISOString());
    this.announce({ orgId, kind, entityId });
  }

  /** The access of `userId` changed (membership, role, workgroup placement): re-check all they hold. */
  accessChanged(orgId: string, userId: string): void {
    this.db
      .prepare("INSERT INTO changes (org_id, kind, entity_id, user_id, at) VALUES (?, 'access', ?, ?, ?)")
      .run(orgId, userId, userId, this.now().toISOString());
    this.announce({ orgId, kind: 'access', entityId: userId });
  }

  /** Events of one transaction reach subscribers together, once it has committed. */
  private announce(event: ChangeEvent): void {
    if (this.listeners.length === 0) return;
    this.queued.push(event);
    if (this.queued.length > 1) return;
    this.afterCommit(() => {
      const events = this.queued;
      this.queued = [];
      for (const listener of this.listeners) listener(events);
    });
  }
}
