import { recordAllowed } from '../audit/record-allowed';
import type { Visibility } from '../../shared/domain/visibility';
import type { EntryKind } from '../../shared/policy/visibility';
import type { Principal } from '../http/principal';
import type { Services } from '../http/services';

/** A registry entry as its audit record needs it: a model, or an agent with the project a fork lives in. */
export interface AuditedEntry {
  readonly id: string;
  readonly visibility: Visibility;
  readonly projectId?: string | null;
}

/**
 * The project an entry change concerns, for the project-scoped audit view: the project a fork lives
 * in, else the project it is scoped to; none for other scopes.
 */
function entryProjectId(entry: AuditedEntry): string | null {
  if (entry.projectId != null) return entry.projectId;
  return entry.visibility.level === 'project' ? entry.visibility.projectId : null;
}

/**
 * Records an allowed change of a registry entry and announces it on the change feed. Call inside
 * the `services.write` of the change itself.
 */
export function recordEntryChange(
  services: Services,
  principal: Principal,
  action: string,
  kind: EntryKind,
  entry: AuditedEntry,
  detail: Readonly<Record<string, unknown>> | null = null,
): void {
  recordAllowed(services, principal, { action, resourceKind: kind, resourceId: entry.id, projectId: entryProjectId(entry), detail });
  services.changes.touch(principal.orgId, kind, entry.id);
}
