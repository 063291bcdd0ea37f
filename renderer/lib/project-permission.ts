import type { MyRoles, SessionState } from '../../shared/app-api/app-api-contract';
import type { ProjectAction } from '../../shared/policy/actions';
import { decideProjectAction } from '../../shared/policy/decide';
import type { Decision } from '../../shared/policy/decision';
import { callerSubject } from './caller-subject';

/** What this user may do in a project, by the same shared policy the server enforces. */
export function decideInProject(session: SessionState | null, roles: MyRoles, projectId: string, action: ProjectAction): Decision {
  const subject = callerSubject(session, roles);
  if (subject === null) return { allowed: false, code: 'forbidden', reason: 'Sign in first' };
  return decideProjectAction(subject, action, { scope: 'project', orgId: subject.orgId, projectRole: roles.projects[projectId] });
}

/** Why the user may not, or null when they may: a plain string, so store selectors stay stable. */
export function denialInProject(session: SessionState | null, roles: MyRoles, projectId: string, action: ProjectAction): string | null {
  const decision = decideInProject(session, roles, projectId, action);
  return decision.allowed ? null : decision.reason;
}
