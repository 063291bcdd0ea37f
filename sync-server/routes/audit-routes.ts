import type { AuditExportQuery, auditEndpoints } from '../../shared/rest/audit-endpoints';
import { requirePlan } from '../access/plan-access';
import { auditExport, auditPage } from '../audit/audit-query';
import { auditReader } from '../audit/audit-reader';
import { loadViewerContext } from '../access/viewer-context';
import { verifyStoredAuditChains } from '../audit/verify-audit-chain';
import type { Principal } from '../http/principal';
import type { Handlers } from '../http/register-endpoints';
import type { Services } from '../http/services';

const readAuditLog = { kind: 'read-audit-log' } as const;

/** The caller as an audit reader: what they may not see is not named to them. */
function readerOf(services: Services, principal: Principal): ReturnType<typeof auditReader> {
  return auditReader(services.db, loadViewerContext(services.db, principal));
}

/** The filters an export was asked with, for its own audit record. */
function filterDetail(query: AuditExportQuery): Record<string, string | number> {
  const detail: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) detail[key] = value;
  }
  return detail;
}

// An export copies the log out of the server, so who took it, and what, is itself worth recording.
function recordExport(services: Services, principal: Principal, projectId: string | null, query: AuditExportQuery): void {
  services.write(() =>
    services.audit.record({
      orgId: principal.orgId,
      actorId: principal.userId,
      action: projectId === null ? 'org.audit.export' : 'project.audit.export',
      resourceKind: projectId === null ? 'organization' : 'project',
      resourceId: projectId ?? principal.orgId,
      projectId,
      outcome: 'allowed',
      detail: filterDetail(query),
    }),
  );
}

/**
 * Role first (the endpoint's declared action, checked where it is registered), then plan: someone who could never read the log is told so, not offered an upgrade.
 * Checks run before an export's lines are produced, so a refusal is an ordinary error answer.
 */
export const auditHandlers: Handlers<typeof auditEndpoints> = {
  'org.audit.read': ({ principal, query }, services) => {
    requirePlan(services, principal.orgId, readAuditLog);
    return auditPage(services.db, { orgId: principal.orgId }, query, readerOf(services, principal));
  },

  'org.audit.export': ({ principal, query }, services) => {
    requirePlan(services, principal.orgId, readAuditLog);
    recordExport(services, principal, null, query);
    return auditExport(services.db, { orgId: principal.orgId }, query, readerOf(services, principal));
  },

  'org.audit.verify': ({ principal }, services) => {
    requirePlan(services, principal.orgId, readAuditLog);
    const result = verifyStoredAuditChains(services.db, principal.orgId);
    return {
      ok: result.ok,
      checked: result.checked,
      breaks: result.breaks.map((b) => ({ seq: b.seq, id: b.id === '' ? null : b.id, reason: b.reason })),
    };
  },

  'project.audit.read': ({ principal, params, query }, services) => {
    requirePlan(services, principal.orgId, readAuditLog);
    return auditPage(services.db, { orgId: principal.orgId, projectId: params.id }, query, auditReader(services.db, loadViewerContext(services.db, principal)));
  },

  'project.audit.export': ({ principal, params, query }, services) => {
    requirePlan(services, principal.orgId, readAuditLog);
    recordExport(services, principal, params.id, query);
    return auditExport(services.db, { orgId: principal.orgId, projectId: params.id }, query, auditReader(services.db, loadViewerContext(services.db, principal)));
  },
};
