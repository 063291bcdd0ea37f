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
  | 'access';

/** Appends to the change feed; call inside the transaction of the change it announces. */
export class ChangeLog {
  constructor(
    private readonly db: SqliteDatabase,
    private readonly now: () => Date = () => new Date(),
  ) {}

  touch(orgId: string, kind: Exclude<ChangeKind, 'access'>, entityId: string): void {
    this.db
      .prepare('INSERT INTO changes (org_id, kind, entity_id, user_id, at) VALUES (?, ?, ?, NULL, ?)')
      .run(orgId, kind, entityId, this.now().toISOString());
  }

  /** The access of `userId` changed (membership, role, workgroup placement): re-check all they hold. */
  accessChanged(orgId: string, userId: string): void {
    this.db
      .prepare("INSERT INTO changes (org_id, kind, entity_id, user_id, at) VALUES (?, 'access', ?, ?, ?)")
      .run(orgId, userId, userId, this.now().toISOString());
  }
}
