import type { WorkgroupRole } from '../../shared/domain/roles';
import type { WorkgroupAction } from '../../shared/policy/actions';
import { decide } from '../../shared/policy/decide';
import type { ViewerContext } from '../../shared/policy/visibility';
import { viewerWorkgroupRole } from '../../shared/policy/visibility';
import { notFound } from '../http/api-error';
import type { Principal } from '../http/principal';
import type { Services } from '../http/services';
import { enforce } from './enforce';
import { loadViewerContext } from './viewer-context';

export interface WorkgroupAccess {
  readonly workgroupId: string;
  readonly role: WorkgroupRole;
  readonly viewer: ViewerContext;
}

/** The caller's access to a workgroup, checked for `action`; not a member reads as not found. */
export function requireWorkgroup(
  services: Services,
  principal: Principal,
  workgroupId: string,
  action: WorkgroupAction,
): WorkgroupAccess {
  const exists = services.db.prepare('SELECT 1 FROM workgroups WHERE id = ? AND org_id = ?').get(workgroupId, principal.orgId);
  const viewer = loadViewerContext(services.db, principal);
  const role = exists ? viewerWorkgroupRole(viewer, workgroupId) : undefined;
  if (role === undefined) throw notFound('Workgroup');
  enforce(decide(principal, action, { scope: 'workgroup', orgId: principal.orgId, workgroupRole: role }));
  return { workgroupId, role, viewer };
}
