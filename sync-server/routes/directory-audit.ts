import type { Principal } from '../http/principal';
import type { Services } from '../http/services';

export interface DirectoryEvent {
  readonly action: string;
  readonly resourceKind: string;
  readonly resourceId: string;
  readonly projectId?: string | null;
  readonly detail?: Record<string, unknown>;
}

/** Records an allowed change to the organization's directory (workgroups, members, the org itself). Call inside a write. */
export function recordDirectoryEvent(services: Services, principal: Principal, event: DirectoryEvent): void {
  services.audit.record({
    orgId: principal.orgId,
    actorId: principal.userId,
    action: event.action,
    resourceKind: event.resourceKind,
    resourceId: event.resourceId,
    projectId: event.projectId ?? null,
    outcome: 'allowed',
    detail: event.detail ?? null,
  });
}
