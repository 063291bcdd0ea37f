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
  /** Its number in the organization's feed: the cursor a page that saw it answers. */
  readonly seq: number;
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
    this.append(orgId, kind, entityId, null);
  }

  /** The access of `userId` changed (membership, role, workgroup placement): re-check all they hold. */
  accessChanged(orgId: string, userId: string): void {
    this.append(orgId, 'access', userId, userId);
  }

  /** The organization's newest change number: what a feed page that saw everything answers as its cursor. */
  head(orgId: string): number {
    const row = this.db.prepare('SELECT org_seq FROM change_heads WHERE org_id = ?').get(orgId) as { org_seq: number } | undefined;
    return row?.org_seq ?? 0;
  }

  /** Numbered within the organization, so no cursor counts another organization's changes. */
  private append(orgId: string, kind: ChangeKind, entityId: string, userId: string | null): void {
    const { org_seq: orgSeq } = this.db
      .prepare(
        `INSERT INTO change_heads (org_id, org_seq) VALUES (?, 1)
         ON CONFLICT (org_id) DO UPDATE SET org_seq = org_seq + 1 RETURNING org_seq`,
      )
      .get(orgId) as { org_seq: number };
    this.db
      .prepare('INSERT INTO changes (org_id, org_seq, kind, entity_id, user_id, at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(orgId, orgSeq, kind, entityId, userId, this.now().toISOString());
    this.announce({ orgId, kind, entityId, seq: orgSeq });
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
