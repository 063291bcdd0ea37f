import { auditGenesisHash } from '../../shared/domain/audit-chain';
import type { SqliteDatabase } from '../store/database';
import type { AuditRow } from './audit-log';
import { auditEventHash, toAuditEvent } from './audit-log';

export interface AuditBreak {
  readonly orgId: string;
  /** The organization's sequence number of the row where the chain breaks. */
  readonly seq: number;
  readonly id: string;
  readonly reason: string;
}

export interface StoredAuditVerification {
  readonly ok: boolean;
  readonly checked: number;
  readonly breaks: readonly AuditBreak[];
}

/**
 * Walks every organization's chain and names each row where it breaks: a row whose contents no
 * longer match its hash (edited), a row that does not follow the one before it (a row deleted or
 * inserted), or a chain whose end is not the recorded head (rows cut off the end).
 */
export function verifyStoredAuditChains(db: SqliteDatabase, orgId?: string): StoredAuditVerification {
  const rows = (
    orgId === undefined
      ? db.prepare('SELECT * FROM audit_events ORDER BY org_id, org_seq').all()
      : db.prepare('SELECT * FROM audit_events WHERE org_id = ? ORDER BY org_seq').all(orgId)
  ) as AuditRow[];
  const heads = (
    orgId === undefined
      ? db.prepare('SELECT org_id, org_seq, hash FROM audit_heads').all()
      : db.prepare('SELECT org_id, org_seq, hash FROM audit_heads WHERE org_id = ?').all(orgId)
  ) as { org_id: string; org_seq: number; hash: string }[];
  const breaks: AuditBreak[] = [];
  const last = new Map<string, AuditRow>();
  for (const row of rows) {
    const previous = last.get(row.org_id);
    const expectedSeq = (previous?.org_seq ?? 0) + 1;
    const expectedPrev = previous?.hash ?? auditGenesisHash;
    const where = { orgId: row.org_id, seq: row.org_seq, id: row.id };
    if (row.org_seq !== expectedSeq) {
      breaks.push({ ...where, reason: `row ${expectedSeq} to ${row.org_seq - 1} are missing: deleted` });
    } else if (row.prev_hash !== expectedPrev) {
      breaks.push({ ...where, reason: `does not follow row ${previous?.org_seq ?? 0}: a row between them was replaced` });
    }
    const { hash, ...unhashed } = toAuditEvent(row);
    if (auditEventHash(unhashed) !== hash) breaks.push({ ...where, reason: 'its contents do not match its hash: the row was edited' });
    last.set(row.org_id, row);
  }
  for (const head of heads) {
    const end = last.get(head.org_id);
    if (!end || end.org_seq !== head.org_seq || end.hash !== head.hash) {
      breaks.push({
        orgId: head.org_id,
        seq: head.org_seq,
        id: end?.id ?? '',
        reason: `the chain ends at row ${end?.org_seq ?? 'none'} but its head is row ${head.org_seq}: rows were cut off the end`,
      });
    }
  }
  return { ok: breaks.length === 0, checked: rows.length, breaks };
}
