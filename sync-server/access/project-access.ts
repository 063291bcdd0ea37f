import type { ProjectRole } from '../../shared/domain/roles';
import type { ProjectAction } from '../../shared/policy/actions';
import { decide } from '../../shared/policy/decide';
import type { ViewerContext } from '../../shared/policy/visibility';
import { viewerProjectRole } from '../../shared/policy/visibility';
import { notFound } from '../http/api-error';
import type { Principal } from '../http/principal';
import type { Services } from '../http/services';
import { enforce } from './enforce';
import { loadViewerContext } from './viewer-context';

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
