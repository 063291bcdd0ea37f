import type { MyRoles, SessionState } from '../../shared/app-api/app-api-contract';
import { checkPlan } from '../../shared/policy/plan-limits';
import { denialInOrg } from './org-permission';

/**
 * Why the user may not create a project or workgroup now: the policy's reason first, then the
 * plan's, counted over what the replica holds (all of them for org owners and admins).
 */
export function createDenial(session: SessionState | null, roles: MyRoles, kind: 'project' | 'workgroup', existing: number): string | null {
  const role = denialInOrg(session, roles, kind === 'project' ? 'project.create' : 'workgroup.create');
  if (role !== null) return role;
  const plan = session?.organization?.plan;
  if (plan === undefined) return null;
  const check = checkPlan(plan, kind === 'project' ? { kind: 'create-project', currentProjects: existing } : { kind: 'create-workgroup', currentWorkgroups: existing });
  return check.ok ? null : `${check.message}.`;
}
