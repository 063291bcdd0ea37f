import type { SqliteDatabase } from '../store/database';
import { auditRowHash, genesisHash } from './audit-log';
import type { AuditRow } from './audit-log';

export interface AuditBreak {
  readonly orgId: string;
  readonly seq: number;
  readonly id: string;
  readonly reason: string;
}

export interface AuditVerification {
  readonly ok: boolean;
  readonly checked: number;
  readonly breaks: readonly AuditBreak[];
}

/**
 * Walks every organization's chain and names each row where it breaks: a row whose contents no
 * longer match its hash (edited), a row whose previous hash does not match the row before it
 * (a row deleted or inserted), or a chain whose end is not the recorded head (rows cut off the end).
 */
export function verifyAuditChain(db: SqliteDatabase, orgId?: string): AuditVerification {
  const rows = (
    orgId === undefined
      ? db.prepare('SELECT * FROM audit_events ORDER BY org_id, seq').all()
      : db.prepare('SELECT * FROM audit_events WHERE org_id = ? ORDER BY seq').all(orgId)
  ) as AuditRow[];
  const heads = new Map(
    (db.prepare('SELECT org_id, seq, hash FROM audit_heads').all() as { org_id: string; seq: number; hash: string }[]).map(
      (h) => [h.org_id, h],
    ),
  );
  const breaks: AuditBreak[] = [];
  const last = new Map<string, AuditRow>();
  for (const row of rows) {
    const previous = last.get(row.org_id);
    const expectedPrev = previous?.hash ?? genesisHash;
    if (row.prev_hash !== expectedPrev) {
      breaks.push({
        orgId: row.org_id,
        seq: row.seq,
        id: row.id,
        reason: previous
          ? `does not follow row ${previous.seq}: a row between them was deleted or inserted`
          : 'is first in its chain but does not start it: earlier rows were deleted',
      });
    }
    if (auditRowHash(row) !== row.hash) {
      breaks.push({ orgId: row.org_id, seq: row.seq, id: row.id, reason: 'its contents do not match its hash: the row was edited' });
    }
    last.set(row.org_id, row);
  }
  for (const [org, head] of heads) {
    if (orgId !== undefined && org !== orgId) continue;
    const end = last.get(org);
    if (!end || end.seq !== head.seq || end.hash !== head.hash) {
      breaks.push({
        orgId: org,
        seq: head.seq,
        id: end?.id ?? '',
        reason: `the chain ends at row ${end?.seq ?? 'none'} but its head is row ${head.seq}: rows were cut off the end`,
      });
    }
  }
  return { ok: breaks.length === 0, checked: rows.length, breaks };
}
