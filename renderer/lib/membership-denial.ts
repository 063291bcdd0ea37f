import type { MyRoles, SessionState } from '../../shared/app-api/app-api-contract';
import type { OrgRole, ProjectRole } from '../../shared/domain/roles';
import type { Membership } from '../../shared/policy/invariants';
import type { MembershipRequest, MembershipTarget, ProjectHeadcount } from '../../shared/policy/membership-change';
import { decideMembershipChange } from '../../shared/policy/membership-change';
import { callerSubject } from './caller-subject';

/** What the view knows of a workgroup's or project's members, enough for the server's own decision. */
export interface MembershipScene {
  readonly target: Extract<MembershipTarget, { kind: 'workgroup' | 'project' }>;
  /** The signed-in person's effective role there. */
  readonly actorRole: ProjectRole | undefined;
  /** Direct memberships there (the last owner is counted among them). */
  readonly members: readonly Membership<ProjectRole>[];
  /** Org roles of the organization's members, to tell who still has to be invited. */
  readonly orgRoles: ReadonlyMap<string, OrgRole>;
  /** People holding a role on each project the person would join, for the plan's members per project. */
  readonly headcounts: (personId: string) => readonly ProjectHeadcount[];
}

/**
 * Why the shared policy refuses this membership change, or null when it allows it: the same
 * `decideMembershipChange` the server runs, over what the view shows, so a refusal is given
 * before the click with the server's own reason.
 */
export function membershipDenial(session: SessionState | null, roles: MyRoles, scene: MembershipScene, personId: string, request: MembershipRequest): string | null {
  const actor = callerSubject(session, roles);
  const org = session?.organization;
  if (actor === null || org === null || org === undefined) return 'Sign in first';
  const verdict = decideMembershipChange(
    {
      orgId: org.id,
      plan: org.plan,
      actor,
      actorRole: scene.actorRole,
      personId,
      personOrgRole: scene.orgRoles.get(personId),
      members: scene.members,
      headcounts: scene.headcounts(personId),
    },
    scene.target,
    request,
  );
  return verdict.allowed ? null : verdict.reason;
}
