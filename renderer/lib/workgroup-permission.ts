import type { MyRoles, SessionState } from '../../shared/app-api/app-api-contract';
import type { WorkgroupAction } from '../../shared/policy/actions';
import { decideWorkgroupAction } from '../../shared/policy/decide';

/** Why the user may not take this workgroup action, or null when they may: the shared policy the server enforces. */
export function denialInWorkgroup(session: SessionState | null, roles: MyRoles, workgroupId: string, action: WorkgroupAction): string | null {
  const userId = session?.user?.id;
  const orgId = session?.organization?.id;
  if (userId === undefined || orgId === undefined) return 'Sign in first';
  const decision = decideWorkgroupAction({ userId, orgId, orgRole: session?.orgRole ?? undefined }, action, {
    scope: 'workgroup',
    orgId,
    workgroupRole: roles.workgroups[workgroupId],
  });
  return decision.allowed ? null : decision.reason;
}
