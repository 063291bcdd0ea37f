import type { ProjectRole, WorkgroupRole } from '../../shared/domain/roles';
import type { OrgAction, ProjectAction, WorkgroupAction } from '../../shared/policy/actions';
import { decide } from '../../shared/policy/decide';
import type { ViewerContext } from '../../shared/policy/visibility';
import { viewerProjectRole, viewerWorkgroupRole } from '../../shared/policy/visibility';
import { notFound } from '../http/api-error';
import type { Principal } from '../http/principal';
import type { Services } from '../http/services';
import { enforce } from './enforce';
import { loadViewerContext } from './viewer-context';

/**
 * The caller's access to a scope of their organization, for the checks a handler makes on data it
 * has read (a stored connection's workgroup, the workgroups a project moves between); what a
 * request names is checked where endpoints are registered (`endpoint-access.ts`).
 */

/** Checks an organization-scoped action against the caller's org role. */
export function requireOrg(principal: Principal, action: OrgAction): void {
  enforce(decide(principal, action, { scope: 'org', orgId: principal.orgId }));
}

export interface WorkgroupAccess {
  readonly workgroupId: string;
  readonly role: WorkgroupRole;
  readonly viewer: ViewerContext;
}

/** The caller's access to a workgroup, checked for `action`; not a member reads as not found. */
export function requireWorkgroup(services: Services, principal: Principal, workgroupId: string, action: WorkgroupAction): WorkgroupAccess {
  const exists = services.db.prepare('SELECT 1 FROM workgroups WHERE id = ? AND org_id = ?').get(workgroupId, principal.orgId);
  const viewer = loadViewerContext(services.db, principal);
  const role = exists ? viewerWorkgroupRole(viewer, workgroupId) : undefined;
  if (role === undefined) throw notFound('Workgroup');
  enforce(decide(principal, action, { scope: 'workgroup', orgId: principal.orgId, workgroupRole: role }));
  return { workgroupId, role, viewer };
}

export interface ProjectAccess {
  readonly projectId: string;
  readonly role: ProjectRole;
  readonly viewer: ViewerContext;
}

/**
 * The caller's access to a project, checked for `action`. A project of another organization, or one
 * the caller has no role on, is not found: exactly what a missing one answers.
 */
export function requireProject(services: Services, principal: Principal, projectId: string, action: ProjectAction): ProjectAccess {
  const exists = services.db.prepare('SELECT 1 FROM projects WHERE id = ? AND org_id = ?').get(projectId, principal.orgId);
  const viewer = loadViewerContext(services.db, principal);
  const role = exists ? viewerProjectRole(viewer, projectId) : undefined;
  if (role === undefined) throw notFound('Project');
  enforce(decide(principal, action, { scope: 'project', orgId: principal.orgId, projectRole: role }));
  return { projectId, role, viewer };
}
