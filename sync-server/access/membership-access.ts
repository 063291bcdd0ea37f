import type { MembershipFacts, MembershipRequest, MembershipTarget, MembershipVerdict } from '../../shared/policy/membership-change';
import { decideMembershipChange } from '../../shared/policy/membership-change';
import type { Actor } from '../directory/membership-facts';
import { membershipFacts } from '../directory/membership-facts';
import { ApiError } from '../http/api-error';
import type { Services } from '../http/services';

export type AllowedMembershipChange = Extract<MembershipVerdict, { allowed: true }> & { readonly facts: MembershipFacts };

/** The decision on a change of someone's membership, from the facts as they are now. */
export function judgeMembershipChange(
  services: Services,
  orgId: string,
  target: MembershipTarget,
  actor: Actor,
  personId: string,
  request: MembershipRequest,
): { readonly verdict: MembershipVerdict; readonly facts: MembershipFacts } {
  const facts = membershipFacts(services.db, orgId, target, actor, personId);
  return { verdict: decideMembershipChange(facts, target, request), facts };
}

/** Turns a refused membership change into its API error; call inside the write that makes the change. */
export function requireMembershipChange(
  services: Services,
  orgId: string,
  target: MembershipTarget,
  actor: Actor,
  personId: string,
  request: MembershipRequest,
): AllowedMembershipChange {
  const { verdict, facts } = judgeMembershipChange(services, orgId, target, actor, personId, request);
  if (!verdict.allowed) throw new ApiError(verdict.code, verdict.reason);
  return { ...verdict, facts };
}
