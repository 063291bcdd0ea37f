import type { OrgRole } from '../../shared/domain/roles';
import type { ProjectAction } from '../../shared/policy/actions';
import { decide } from '../../shared/policy/decide';
import type { Decision } from '../../shared/policy/decision';
import { subjectOf } from '../../shared/policy/subject';
import { deny } from '../../shared/policy/decision';
import { viewerProjectRole } from '../../shared/policy/visibility';
import type { SqliteDatabase } from '../store/database';
import { loadViewerContext } from './viewer-context';

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
