import type { MyRoles, SessionState } from '../../shared/app-api/app-api-contract';
import type { Subject } from '../../shared/policy/decide';
import { subjectOf } from '../../shared/policy/subject';

/** The signed-in person as the policy sees them: the roles main last fetched win over the session's. */
export function callerSubject(session: SessionState | null, roles: MyRoles): Subject | null {
  return subjectOf({ userId: session?.user?.id, orgId: session?.organization?.id, credentialOrgRole: session?.orgRole, reported: roles });
}
