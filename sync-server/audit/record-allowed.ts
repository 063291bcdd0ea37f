import type { AuditResourceKind } from '../../shared/domain/audit-event';
import type { Principal } from '../http/principal';
import type { Services } from '../http/services';

export interface AllowedChange {
  readonly action: string;
  readonly resourceKind: AuditResourceKind;
  readonly resourceId: string | null;
  /** Set for changes inside a project, so the project's own audit view shows them. */
  readonly projectId?: string | null;
  readonly detail?: Readonly<Record<string, unknown>> | null;
}

/** Records a change the caller was allowed to make. Call inside the write of the change itself. */
export function recordAllowed(services: Services, principal: Principal, change: AllowedChange): void {
  services.audit.record({
    orgId: principal.orgId,
    actorId: principal.userId,
    action: change.action,
    resourceKind: change.resourceKind,
    resourceId: change.resourceId,
    projectId: change.projectId ?? null,
    outcome: 'allowed',
    detail: change.detail ?? null,
  });
}
