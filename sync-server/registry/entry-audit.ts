import { recordAllowed } from '../audit/record-allowed';
import type { Visibility } from '../../shared/domain/visibility';
import type { EntryKind } from '../../shared/policy/visibility';
import type { Principal } from '../http/principal';
import type { Services } from '../http/services';

/**
 * The project an entry change concerns, for the project-scoped audit view: the project a fork lives
 * in, else the project it is scoped to; none for other scopes.
 */
export function entryProjectId(visibility: Visibility, livesIn: string | null = null): string | null {
  if (livesIn !== null) return livesIn;
  return visibility.level === 'project' ? visibility.projectId : null;
}

export interface EntryChange {
  readonly action: string;
  readonly kind: EntryKind;
  readonly entryId: string;
  readonly projectId: string | null;
  readonly detail?: Readonly<Record<string, unknown>> | null;
}

/**
 * Records an allowed change of a registry entry and announces it on the change feed. Call inside
 * the `services.write` of the change itself.
 */
export function recordEntryChange(services: Services, principal: Principal, change: EntryChange): void {
  recordAllowed(services, principal, {
    action: change.action,
    resourceKind: change.kind,
    resourceId: change.entryId,
    projectId: change.projectId,
    detail: change.detail ?? null,
  });
  services.changes.touch(principal.orgId, change.kind, change.entryId);
}
