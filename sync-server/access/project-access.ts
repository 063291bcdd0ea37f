import type { OrgRole, ProjectRole } from '../../shared/domain/roles';
import type { ProjectAction } from '../../shared/policy/actions';
import { decide } from '../../shared/policy/decide';
import type { Decision } from '../../shared/policy/decision';
import { subjectOf } from '../../shared/policy/subject';
import { deny } from '../../shared/policy/decision';
import type { ViewerContext } from '../../shared/policy/visibility';
import { viewerProjectRole } from '../../shared/policy/visibility';
import { notFound } from '../http/api-error';
import type { Principal } from '../http/principal';
import type { Services } from '../http/services';
import type { SqliteDatabase } from '../store/database';
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

/**
 * The policy's decision for `userId` as they are now, for work the server does in their name
 * outside any request of theirs (what a stored document says they wrote): someone no longer in the
 * organization, or without a role on the project, may do nothing there.
 */
export function decideForUser(db: SqliteDatabase, userId: string, orgId: string, projectId: string, action: ProjectAction): Decision {
  const member = db.prepare('SELECT role FROM org_members WHERE org_id = ? AND user_id = ?').get(orgId, userId) as { role: OrgRole } | undefined;
  if (!member) return deny('not_found', 'Not a member of this organization');
  const subject = subjectOf({ userId, orgId, credentialOrgRole: member.role });
  const role = viewerProjectRole(loadViewerContext(db, subject), projectId);
  return decide(subject, action, { scope: 'project', orgId, projectRole: role });
}
