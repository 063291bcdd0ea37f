import type { AuditEvent } from '../../shared/domain/audit-event';
import type { AuditExportQuery } from '../../shared/rest/audit-endpoints';
import type { SqliteDatabase } from '../store/database';
import type { AuditRow } from './audit-log';
import { toAuditEvent } from './audit-log';

/** Whose events: an organization's, or one project's within it. */
export interface AuditScope {
  readonly orgId: string;
  readonly projectId?: string;
}

function whereClause(scope: AuditScope, filter: AuditExportQuery, newestFirst = false): { sql: string; args: (string | number)[] } {
  const conditions = ['org_id = ?'];
  const args: (string | number)[] = [scope.orgId];
  const add = (condition: string, value: string | number | undefined) => {
    if (value === undefined) return;
    conditions.push(condition);
    args.push(value);
  };
  add('project_id = ?', scope.projectId);
  // Timestamps are stored as ISO 8601 UTC text, which sorts as time does.
  add('at >= ?', filter.since);
  add('at < ?', filter.until);
  add('actor_id = ?', filter.actorId);
  add('action = ?', filter.action);
  add('outcome = ?', filter.outcome);
  add('resource_kind = ?', filter.resourceKind);
  // Areas are plain words and hyphens, so the pattern needs no escaping.
  add('action LIKE ?', filter.area === undefined ? undefined : `${filter.area}.%`);
  add(newestFirst ? 'org_seq < ?' : 'org_seq > ?', filter.cursor);
  return { sql: conditions.join(' AND '), args };
}

/** Up to `limit` matching events past the cursor, oldest or newest first, each as `view` shows it to its reader. */
export function auditPage(
  db: SqliteDatabase,
  scope: AuditScope,
  filter: AuditExportQuery & { readonly limit: number; readonly order?: 'oldest' | 'newest' },
  view: (event: AuditEvent) => AuditEvent,
): { items: AuditEvent[]; nextCursor: number | null } {
  const newestFirst = filter.order === 'newest';
  const where = whereClause(scope, filter, newestFirst);
  const rows = db
    .prepare(`SELECT * FROM audit_events WHERE ${where.sql} ORDER BY org_seq ${newestFirst ? 'DESC' : 'ASC'} LIMIT ?`)
    .all(...where.args, filter.limit + 1) as AuditRow[];
  const page = rows.slice(0, filter.limit);
  const last = page.at(-1);
  return { items: page.map((row) => view(toAuditEvent(row))), nextCursor: rows.length > filter.limit && last ? last.org_seq : null };
}

const exportChunk = 500;

/**
 * Every matching event, read in chunks as the client consumes them. Each chunk is a finished query,
 * so a slow download never holds the connection busy; the export stops at the newest event that
 * existed when it began, so it is one consistent run of the chain.
 */
export function* auditExport(db: SqliteDatabase, scope: AuditScope, filter: AuditExportQuery, view: (event: AuditEvent) => AuditEvent): Generator<AuditEvent> {
  const end = (db.prepare('SELECT MAX(seq) AS seq FROM audit_events').get() as { seq: number | null }).seq ?? 0;
  let cursor = filter.cursor ?? 0;
  for (;;) {
    const where = whereClause(scope, { ...filter, cursor });
    const rows = db
      .prepare(`SELECT * FROM audit_events WHERE ${where.sql} AND seq <= ? ORDER BY org_seq LIMIT ?`)
      .all(...where.args, end, exportChunk) as AuditRow[];
    for (const row of rows) yield view(toAuditEvent(row));
    const last = rows.at(-1);
    if (!last || rows.length < exportChunk) return;
    cursor = last.org_seq;
  }
}
