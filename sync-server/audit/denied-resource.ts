import { AuditResourceKind } from '../../shared/domain/audit-event';
import { EntityId, ProjectId, idPrefixes } from '../../shared/domain/ids';
import type { EntityKind } from '../../shared/domain/ids';

export interface DeniedResource {
  readonly resourceKind: AuditResourceKind;
  readonly resourceId: string | null;
  readonly projectId: string | null;
}

const kindByPrefix: ReadonlyMap<string, EntityKind> = new Map(
  (Object.entries(idPrefixes) as [EntityKind, string][]).map(([kind, prefix]) => [prefix, kind]),
);

function param(params: unknown, name: string): string | undefined {
  const value = typeof params === 'object' && params !== null ? (params as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' ? value : undefined;
}

/**
 * What a refused request was aimed at, for its `denied` audit record. Only well-formed ids are kept
 * (the path is the caller's text), the kind comes from the id's prefix or else from the endpoint's
 * name, and a project in the path files the refusal under that project, so the project's own audit
 * view shows who was turned away from it.
 */
export function deniedResource(endpointName: string, params: unknown, orgId: string): DeniedResource {
  const id = param(params, 'id');
  const resourceId = id !== undefined && EntityId.safeParse(id).success ? id : null;
  const pid = param(params, 'pid');
  const projectId =
    resourceId !== null && ProjectId.safeParse(resourceId).success
      ? resourceId
      : pid !== undefined && ProjectId.safeParse(pid).success
        ? pid
        : null;
  const fromId = resourceId === null ? undefined : kindByPrefix.get(resourceId.slice(0, resourceId.indexOf('_')));
  if (fromId !== undefined) return { resourceKind: fromId, resourceId, projectId };
  const fromName = AuditResourceKind.safeParse(endpointName.split('.')[0]);
  if (fromName.success) return { resourceKind: fromName.data, resourceId, projectId };
  // Organization-wide actions (`org.audit.read`, `auth.logout`) are aimed at the organization itself.
  return { resourceKind: 'organization', resourceId: orgId, projectId };
}
