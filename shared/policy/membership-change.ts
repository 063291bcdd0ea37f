import type { Plan } from '../domain/plan';
import type { OrgRole, ProjectRole } from '../domain/roles';
import { orgRoleRank, projectRoleRank } from '../domain/roles';
import type { Decision, DenialCode } from './decision';
import type { Subject } from './decide';
import { decideOrgAction, decideProjectAction, decideWorkgroupAction } from './decide';
import type { InvariantResult, Membership, MembershipChange } from './invariants';
import { checkMembershipChange, checkOrgMembershipChange } from './invariants';
import type { OrgMemberChange } from './org-member-rules';
import { decideOrgMemberChange } from './org-member-rules';
import type { LimitName } from './plan-limits';
import { checkPlan } from './plan-limits';
import { checkWorkgroupMembershipChange } from './workgroup-membership-rules';

/**
 * Where someone's membership changes: the organization itself, one of its workgroups, or one of
 * its projects. A workgroup member holds their role on every project the workgroup holds.
 */
export type MembershipTarget =
  | { readonly kind: 'organization' }
  | { readonly kind: 'workgroup'; readonly id: string }
  | { readonly kind: 'project'; readonly id: string };

/**
 * Every way a membership changes, each through this one function:
 * - `direct`: an endpoint gives an existing member of the organization a role (adding them when
 *   they hold none, updating it otherwise);
 * - `invite`: an invitation is created; only what concerns its sender is decided yet;
 * - `accept`: an invitation is accepted, decided with its sender's rights as they are now;
 * - `remove`: someone takes another person out; `leave`: a person takes themselves out.
 */
export type MembershipRequest =
  | { readonly kind: 'direct' | 'invite' | 'accept'; readonly role: OrgRole | ProjectRole }
  | { readonly kind: 'remove' | 'leave' };

/**
 * How many people hold a role on one project that the change could bring the person into:
 * everyone with a direct role or a role through a workgroup holding it, counted once each.
 */
export interface ProjectHeadcount {
  readonly projectId: string;
  readonly members: number;
  /** The person is already counted there, so the change does not grow it. */
  readonly includesPerson: boolean;
}

/** What the decision reads, as it is at the moment of the change. */
export interface MembershipFacts {
  readonly orgId: string;
  readonly plan: Plan;
  /** Who makes the change (for an invitation: who sent it), with their org role now. */
  readonly actor: Subject;
  /** The actor's effective role on the workgroup or project; unused for the organization. */
  readonly actorRole: ProjectRole | undefined;
  /** Whose membership changes, and their org role now (`undefined`: not in the organization). */
  readonly personId: string;
  readonly personOrgRole: OrgRole | undefined;
  /** The target's direct memberships: org roles for the organization, direct roles otherwise. */
  readonly members: readonly Membership<OrgRole | ProjectRole>[];
  /** Projects the person would join: the project itself, or every project of the workgroup. */
  readonly headcounts: readonly ProjectHeadcount[];
}

export type MembershipOutcome = 'added' | 'updated' | 'unchanged' | 'removed';

export type MembershipVerdict =
  | { readonly allowed: true; readonly outcome: MembershipOutcome; readonly joinsOrganization: boolean }
  | { readonly allowed: false; readonly code: DenialCode | 'plan_limit'; readonly reason: string; readonly limit?: LimitName };

type Refusal = Extract<MembershipVerdict, { allowed: false }>;

const places: Readonly<Record<MembershipTarget['kind'], string>> = { organization: 'organization', workgroup: 'workgroup', project: 'project' };

function refuse(code: Refusal['code'], reason: string): Refusal {
  return { allowed: false, code, reason };
}

function fromDecision(decision: Decision): Refusal | undefined {
  return decision.allowed ? undefined : refuse(decision.code, decision.reason);
}

function fromInvariant(result: InvariantResult): Refusal | undefined {
  return result.ok ? undefined : refuse(result.code, result.reason);
}

function isRaise(role: OrgRole | ProjectRole, current: OrgRole | ProjectRole, target: MembershipTarget): boolean {
  return target.kind === 'organization'
    ? orgRoleRank(role as OrgRole) >= orgRoleRank(current as OrgRole)
    : projectRoleRank(role as ProjectRole) >= projectRoleRank(current as ProjectRole);
}

/** The change as the org member rules see it (admins never touch owners). */
function orgChange(facts: MembershipFacts, request: MembershipRequest, current: OrgRole | undefined): OrgMemberChange | undefined {
  switch (request.kind) {
    case 'invite':
    case 'accept':
      return { kind: 'invite', role: request.role as OrgRole };
    case 'direct':
      return current === undefined ? undefined : { kind: 'set-role', userId: facts.personId, currentRole: current, role: request.role as OrgRole };
    case 'remove':
    case 'leave':
      return current === undefined ? undefined : { kind: 'remove', userId: facts.personId, currentRole: current };
  }
}

/** Whether the actor may make this change at all, by their role now. */
function actorRight(facts: MembershipFacts, target: MembershipTarget, request: MembershipRequest, current: OrgRole | ProjectRole | undefined): Refusal | undefined {
  const leaving = request.kind === 'leave';
  switch (target.kind) {
    case 'organization': {
      const change = orgChange(facts, request, current as OrgRole | undefined);
      if (change === undefined) return refuse('not_found', 'This person is not a member of the organization');
      return fromDecision(decideOrgMemberChange(facts.actor, facts.orgId, change));
    }
    case 'workgroup':
      return fromDecision(
        decideWorkgroupAction(facts.actor, leaving ? 'workgroup.leave' : 'workgroup.member.manage', {
          scope: 'workgroup',
          orgId: facts.orgId,
          workgroupRole: facts.actorRole,
        }),
      );
    case 'project':
      return fromDecision(
        decideProjectAction(facts.actor, leaving ? 'project.leave' : 'project.member.manage', {
          scope: 'project',
          orgId: facts.orgId,
          projectRole: facts.actorRole,
        }),
      );
  }
}

/** Only those who may add people to the organization admit someone to it, whatever the invitation is for. */
function admission(facts: MembershipFacts, target: MembershipTarget, request: MembershipRequest): Refusal | undefined {
  if (facts.personOrgRole !== undefined) return undefined;
  if (request.kind === 'direct') return refuse('not_found', 'This person is not a member of the organization; invite them instead');
  if (target.kind === 'organization') return undefined;
  const admit = decideOrgAction(facts.actor, 'org.member.invite', { scope: 'org', orgId: facts.orgId });
  return admit.allowed
    ? undefined
    : refuse('forbidden', `Only organization admins and owners can bring someone new into the organization, and this ${places[target.kind]} invitation would`);
}

function lastOwner(facts: MembershipFacts, target: MembershipTarget, change: MembershipChange<OrgRole | ProjectRole>): Refusal | undefined {
  switch (target.kind) {
    case 'organization':
      return fromInvariant(checkOrgMembershipChange(facts.members as Membership<OrgRole>[], change as MembershipChange<OrgRole>));
    case 'workgroup':
      return fromInvariant(checkWorkgroupMembershipChange(facts.members as Membership<ProjectRole>[], change as MembershipChange<ProjectRole>));
    case 'project':
      return fromInvariant(checkMembershipChange(facts.members as Membership<ProjectRole>[], change as MembershipChange<ProjectRole>));
  }
}

/** Members per project: every project the person would newly count in must have room for one more. */
function planRoom(facts: MembershipFacts): Refusal | undefined {
  for (const headcount of facts.headcounts) {
    if (headcount.includesPerson) continue;
    const result = checkPlan(facts.plan, { kind: 'add-project-member', currentMembers: headcount.members });
    if (!result.ok) return { allowed: false, code: 'plan_limit', reason: result.message, limit: result.limit };
  }
  return undefined;
}

/**
 * The one decision for every change of who belongs where. In order: the actor's right as it is
 * now (for an accepted invitation, its sender's), admission to the organization, then the
 * invariants: an invitation never lowers a role, the last owner stays, and the plan's members per
 * project counts everyone who would hold a role on each project, through workgroups included.
 */
export function decideMembershipChange(facts: MembershipFacts, target: MembershipTarget, request: MembershipRequest): MembershipVerdict {
  const current = facts.members.find((member) => member.userId === facts.personId)?.role;
  const right = actorRight(facts, target, request, current);
  if (right !== undefined) {
    // The invitee holds the invitation: what its sender may no longer do is theirs to know.
    return request.kind === 'accept' ? refuse('forbidden', 'This invitation no longer holds: the person who sent it may no longer give it') : right;
  }
  if (!('role' in request)) {
    return lastOwner(facts, target, { kind: 'remove', userId: facts.personId }) ?? { allowed: true, outcome: 'removed', joinsOrganization: false };
  }
  const refusedAdmission = admission(facts, target, request);
  if (refusedAdmission !== undefined) return refusedAdmission;
  const joinsOrganization = facts.personOrgRole === undefined;
  if (request.kind === 'invite') {
    if (target.kind === 'organization' && !joinsOrganization) return refuse('conflict', 'This person is already a member of the organization');
    return { allowed: true, outcome: current === undefined ? 'added' : 'updated', joinsOrganization };
  }
  if (request.kind === 'accept' && current !== undefined && !isRaise(request.role, current, target)) {
    return refuse('conflict', `You are already ${/^[aeo]/.test(current) ? 'an' : 'a'} ${current} of this ${places[target.kind]}, and an invitation never lowers a role`);
  }
  const invariant = lastOwner(facts, target, { kind: 'set-role', userId: facts.personId, role: request.role });
  if (invariant !== undefined) return invariant;
  const outcome: MembershipOutcome = current === undefined ? 'added' : current === request.role ? 'unchanged' : 'updated';
  return planRoom(facts) ?? { allowed: true, outcome, joinsOrganization };
}
