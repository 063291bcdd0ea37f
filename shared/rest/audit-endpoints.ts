import { z } from 'zod';
import { AuditArea } from '../domain/audit-areas';
import { AuditAction, AuditEvent, AuditOutcome, AuditResourceKind } from '../domain/audit-event';
import { AuditEventId, UserId } from '../domain/ids';
import { Timestamp } from '../domain/timestamp';
import type { Endpoint } from './endpoint';
import { IdParams } from './path-params';
import { QueryInt, queryLimit } from './query-numbers';

export const maxAuditPage = 1000;

const auditFilters = {
  /** Events at or after this moment. */
  since: Timestamp.optional(),
  /** Events before this moment. */
  until: Timestamp.optional(),
  actorId: UserId.optional(),
  action: AuditAction.optional(),
  outcome: AuditOutcome.optional(),
  resourceKind: AuditResourceKind.optional(),
  /** Events whose action is in this area (`project` holds `project.member.add`). */
  area: AuditArea.optional(),
  /** Events after this `seq`: the `nextCursor` of the previous page, or the last line of an earlier export. */
  cursor: QueryInt.optional(),
};

/** Filters of an export, which streams every matching event in `seq` order. */
export const AuditExportQuery = z.strictObject(auditFilters);
export type AuditExportQuery = z.infer<typeof AuditExportQuery>;

export const AuditListQuery = z.strictObject({
  ...auditFilters,
  limit: queryLimit(maxAuditPage, 100),
  /** `newest`: the latest events first, `cursor` then naming the events before it. */
  order: z.enum(['oldest', 'newest']).default('oldest'),
});
export type AuditListQuery = z.infer<typeof AuditListQuery>;

/** Oldest first as the chain runs, or newest first when asked; `nextCursor` is null on the last page. */
export const AuditPage = z.strictObject({
  items: z.array(AuditEvent),
  nextCursor: z.int().min(1).nullable(),
});
export type AuditPage = z.infer<typeof AuditPage>;

export const AuditChainBreak = z.strictObject({
  seq: z.int().min(1),
  /** Null when the row the chain should end with is gone. */
  id: AuditEventId.nullable(),
  reason: z.string(),
});

export const AuditVerification = z.strictObject({
  ok: z.boolean(),
  checked: z.int().min(0),
  breaks: z.array(AuditChainBreak),
});
export type AuditVerification = z.infer<typeof AuditVerification>;

export const auditEndpoints = {
  'org.audit.read': {
    method: 'GET',
    path: '/audit',
    access: [{ on: 'org', action: 'org.audit.read' }],
    summary: "The organization's audit log, filtered and paged by seq (admins)",
    query: AuditListQuery,
    response: AuditPage,
  },
  'org.audit.export': {
    method: 'GET',
    path: '/audit/export',
    access: [{ on: 'org', action: 'org.audit.export' }],
    summary: "The organization's audit log as JSON Lines, one event per line (admins)",
    query: AuditExportQuery,
    format: 'ndjson',
    response: AuditEvent,
  },
  'org.audit.verify': {
    method: 'GET',
    path: '/audit/verify',
    access: [{ on: 'org', action: 'org.audit.read' }],
    summary: "Checks the organization's hash chain and names every row where it breaks (admins)",
    response: AuditVerification,
  },
  'project.audit.read': {
    method: 'GET',
    path: '/projects/:id/audit',
    access: [{ on: 'project', action: 'project.audit.read', id: 'params.id' }],
    summary: "The project's audit log, filtered and paged by seq (project owners)",
    params: IdParams,
    query: AuditListQuery,
    response: AuditPage,
  },
  'project.audit.export': {
    method: 'GET',
    path: '/projects/:id/audit/export',
    access: [{ on: 'project', action: 'project.audit.export', id: 'params.id' }],
    summary: "The project's audit log as JSON Lines (project owners)",
    params: IdParams,
    query: AuditExportQuery,
    format: 'ndjson',
    response: AuditEvent,
  },
} as const satisfies Record<string, Endpoint>;
