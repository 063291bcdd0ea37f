import type { AuditEvent, AuditOutcome, AuditResourceKind } from '../../shared/domain/audit-event';
import { auditGenesisHash, auditHashInput } from '../../shared/domain/audit-chain';
import type { SqliteDatabase } from '../store/database';
import { newEntityId } from '../../shared/domain/new-entity-id';
import { sha256Hex } from '../auth/secrets';

export type { AuditOutcome };

export interface AuditEntry {
  readonly orgId: string;
  readonly actorId: string | null;
  readonly action: string;
  readonly resourceKind: AuditResourceKind;
  readonly resourceId: string | null;
  readonly projectId: string | null;
  readonly outcome: AuditOutcome;
  readonly detail?: Readonly<Record<string, unknown>> | null;
}

export interface AuditRow {
  seq: number;
  id: string;
  org_id: string;
  org_seq: number;
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

/** The stored row in the shared domain shape: what exports carry and what the hash covers. */
export function toAuditEvent(row: AuditRow): AuditEvent {
  return {
    id: row.id,
    seq: row.org_seq,
    orgId: row.org_id,
    actorId: row.actor_id,
    action: row.action,
    resourceKind: row.resource_kind as AuditResourceKind,
    resourceId: row.resource_id,
    projectId: row.project_id,
    at: row.at,
    outcome: row.outcome,
    detail: row.detail === null ? null : (JSON.parse(row.detail) as AuditEvent['detail']),
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** The hash of an event, as `shared/domain/audit-chain.ts` defines it, so anyone can verify an export. */
export function auditEventHash(event: Omit<AuditEvent, 'hash'>): string {
  return sha256Hex(auditHashInput(event));
}

/**
 * The append-only, hash-chained audit log. Each organization has its own chain numbered from 1, so
 * an organization's export can be verified on its own with the shared verifier.
 */
export class AuditLog {
  constructor(
    private readonly db: SqliteDatabase,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Appends one event; call inside the transaction of the change it records. */
  record(entry: AuditEntry): AuditEvent {
    const head = this.db.prepare('SELECT org_seq, hash FROM audit_heads WHERE org_id = ?').get(entry.orgId) as
      | { org_seq: number; hash: string }
      | undefined;
    const unhashed: Omit<AuditEvent, 'hash'> = {
      id: newEntityId('aud'),
      seq: (head?.org_seq ?? 0) + 1,
      orgId: entry.orgId,
      actorId: entry.actorId,
      action: entry.action,
      resourceKind: entry.resourceKind,
      resourceId: entry.resourceId,
      projectId: entry.projectId,
      at: this.now().toISOString(),
      outcome: entry.outcome,
      // Normalized through JSON first: what is hashed must be exactly what is stored and read back.
      detail: entry.detail == null ? null : (JSON.parse(JSON.stringify(entry.detail)) as AuditEvent['detail']),
      prevHash: head?.hash ?? auditGenesisHash,
    };
    const event: AuditEvent = { ...unhashed, hash: auditEventHash(unhashed) };
    this.db
      .prepare(
        `INSERT INTO audit_events (id, org_id, org_seq, actor_id, action, resource_kind, resource_id, project_id, at, outcome, detail, prev_hash, hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        event.id,
        event.orgId,
        event.seq,
        event.actorId,
        event.action,
        event.resourceKind,
        event.resourceId,
        event.projectId,
        event.at,
        event.outcome,
        event.detail === null ? null : JSON.stringify(event.detail),
        event.prevHash,
        event.hash,
      );
    this.db
      .prepare(
        'INSERT INTO audit_heads (org_id, org_seq, hash) VALUES (?, ?, ?) ON CONFLICT (org_id) DO UPDATE SET org_seq = excluded.org_seq, hash = excluded.hash',
      )
      .run(entry.orgId, event.seq, event.hash);
    return event;
  }
}
