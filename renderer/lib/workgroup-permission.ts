import type { MyRoles, SessionState } from '../../shared/app-api/app-api-contract';
import type { WorkgroupAction } from '../../shared/policy/actions';
import { decideWorkgroupAction } from '../../shared/policy/decide';
import { callerSubject } from './caller-subject';

/** Why the user may not take this workgroup action, or null when they may: the shared policy the server enforces. */
export function denialInWorkgroup(session: SessionState | null, roles: MyRoles, workgroupId: string, action: WorkgroupAction): string | null {
  const subject = callerSubject(session, roles);
  if (subject === null) return 'Sign in first';
  const decision = decideWorkgroupAction(subject, action, { scope: 'workgroup', orgId: subject.orgId, workgroupRole: roles.workgroups[workgroupId] });
  return decision.allowed ? null : decision.reason;
}
