import type { SqliteDatabase } from '../store/database';
import { newId } from '../store/ids';
import { sha256Hex } from '../auth/secrets';

export type AuditOutcome = 'allowed' | 'denied' | 'failed';

export interface AuditEntry {
  readonly orgId: string;
  readonly actorId: string | null;
  readonly action: string;
  readonly resourceKind: string;
  readonly resourceId: string | null;
  readonly projectId: string | null;
  readonly outcome: AuditOutcome;
  readonly detail?: Record<string, unknown> | null;
}

export interface AuditRow {
  seq: number;
  id: string;
  org_id: string;
  actor_id: string | null;
  action: string;
  resource_kind: string;
  resource_id: string | null;
  project_id: string | null;
  at: string;
  outcome: AuditOutcome;
  detail: string | null;
  prev_hash: string;
  hash: string;
}

export const genesisHash = '0'.repeat(64);

/** The hash of a row covers every field and the previous row's hash: an edit anywhere breaks the chain. */
export function auditRowHash(row: Omit<AuditRow, 'hash'>): string {
  return sha256Hex(
    JSON.stringify([
      row.prev_hash,
      row.seq,
      row.id,
      row.org_id,
      row.actor_id,
      row.action,
      row.resource_kind,
      row.resource_id,
      row.project_id,
      row.at,
      row.outcome,
      row.detail,
    ]),
  );
}

/**
 * The append-only, hash-chained audit log. Each organization has its own chain, so an
 * organization's export can be verified on its own.
 */
export class AuditLog {
  constructor(
    private readonly db: SqliteDatabase,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Appends one event; call inside the transaction of the change it records. */
  record(entry: AuditEntry): AuditRow {
    const head = this.db.prepare('SELECT seq, hash FROM audit_heads WHERE org_id = ?').get(entry.orgId) as
      | { seq: number; hash: string }
      | undefined;
    const nextSeq =
      ((this.db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'audit_events'").get() as { seq: number } | undefined)
        ?.seq ?? 0) + 1;
    const row: Omit<AuditRow, 'hash'> = {
      seq: nextSeq,
      id: newId('aud'),
      org_id: entry.orgId,
      actor_id: entry.actorId,
      action: entry.action,
      resource_kind: entry.resourceKind,
      resource_id: entry.resourceId,
      project_id: entry.projectId,
      at: this.now().toISOString(),
      outcome: entry.outcome,
      detail: entry.detail ? JSON.stringify(entry.detail) : null,
      prev_hash: head?.hash ?? genesisHash,
    };
    const full: AuditRow = { ...row, hash: auditRowHash(row) };
    this.db
      .prepare(
        `INSERT INTO audit_events (seq, id, org_id, actor_id, action, resource_kind, resource_id, project_id, at, outcome, detail, prev_hash, hash)
         VALUES (@seq, @id, @org_id, @actor_id, @action, @resource_kind, @resource_id, @project_id, @at, @outcome, @detail, @prev_hash, @hash)`,
      )
      .run(full);
    this.db
      .prepare(
        'INSERT INTO audit_heads (org_id, seq, hash) VALUES (?, ?, ?) ON CONFLICT (org_id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash',
      )
      .run(entry.orgId, full.seq, full.hash);
    return full;
  }
}
