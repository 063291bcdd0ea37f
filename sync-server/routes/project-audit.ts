import type { Principal } from '../http/principal';
import type { Services } from '../http/services';

export interface ProjectEvent {
  readonly action: string;
  readonly resourceKind: string;
  readonly resourceId: string;
  readonly projectId: string;
  readonly detail?: Record<string, unknown>;
}

/** Records an allowed mutation inside a project, so the project's own audit view shows it. Call inside a write. */
export function recordProjectEvent(services: Services, principal: Principal, event: ProjectEvent): void {
  services.audit.record({
    orgId: principal.orgId,
    actorId: principal.userId,
    action: event.action,
    resourceKind: event.resourceKind,
    resourceId: event.resourceId,
    projectId: event.projectId,
    outcome: 'allowed',
    detail: event.detail ?? null,
  });
}
