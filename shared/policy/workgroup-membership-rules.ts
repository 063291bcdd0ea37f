import type { WorkgroupRole } from '../domain/roles';
import type { InvariantResult, Membership, MembershipChange } from './invariants';
import { checkMembershipChange } from './invariants';

/**
 * A workgroup keeps an owner by the same rule as a project: `members` are its direct memberships,
 * and only direct owners count, because an org owner or admin owns it only for as long as they
 * hold that org role. The rule is the project one; only the wording names the workgroup, since
 * the reason is shown to the person who tried.
 */
export function checkWorkgroupMembershipChange(
  members: readonly Membership<WorkgroupRole>[],
  change: MembershipChange<WorkgroupRole>,
): InvariantResult {
  const result = checkMembershipChange(members, change);
  if (result.ok) return result;
  const reason =
    result.code === 'not_found'
      ? 'This person is not a member of the workgroup'
      : 'The last owner of the workgroup cannot leave or be demoted; transfer ownership first';
  return { ok: false, code: result.code, reason };
}
