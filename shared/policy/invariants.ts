import type { OrgRole, ProjectRole } from '../domain/roles';
import type { Visibility } from '../domain/visibility';

/**
 * Invariants the data must keep whoever asks, even an owner: they are checked after the role
 * decision, and a violation is a `conflict` with the current state (409), not a missing right.
 * `not_found` is for a change that names someone who is not there.
 */
export type InvariantCode = 'conflict' | 'not_found';

export type InvariantResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly code: InvariantCode; readonly reason: string };

const ok: InvariantResult = { ok: true };

function violation(code: InvariantCode, reason: string): InvariantResult {
  return { ok: false, code, reason };
}

export interface Membership<R extends string> {
  readonly userId: string;
  readonly role: R;
}

export type MembershipChange<R extends string> =
  | { readonly kind: 'remove'; readonly userId: string }
  | { readonly kind: 'set-role'; readonly userId: string; readonly role: R };

/** Both project and org roles call their top role `owner`; the rule is the same for both. */
function checkLastOwner<R extends string>(
  members: readonly Membership<R>[],
  change: MembershipChange<R>,
  place: string,
): InvariantResult {
  const current = members.find((member) => member.userId === change.userId);
  if (current === undefined) {
    // Setting a role on a non-member adds them (see `upsertMembership`); removing one is a mistake.
    return change.kind === 'remove'
      ? violation('not_found', `This person is not a member of the ${place}`)
      : ok;
  }
  if (current.role !== 'owner') return ok;
  if (change.kind === 'set-role' && change.role === 'owner') return ok;
  const owners = new Set(members.filter((member) => member.role === 'owner').map((m) => m.userId));
  return owners.size > 1
    ? ok
    : violation(
        'conflict',
        `The last owner of the ${place} cannot leave or be demoted; transfer ownership first`,
      );
}

/**
 * `members` are the project's direct memberships. Only direct owners count: an owner through a
 * workgroup or the org can lose that role elsewhere at any time, so they cannot stand in for the
 * last direct owner.
 */
export function checkMembershipChange(
  members: readonly Membership<ProjectRole>[],
  change: MembershipChange<ProjectRole>,
): InvariantResult {
  return checkLastOwner(members, change, 'project');
}

/** `members` are the organization's members with their org roles. */
export function checkOrgMembershipChange(
  members: readonly Membership<OrgRole>[],
  change: MembershipChange<OrgRole>,
): InvariantResult {
  return checkLastOwner(members, change, 'organization');
}

export type UpsertOutcome = 'added' | 'updated' | 'unchanged';

export interface UpsertResult<R extends string> {
  readonly members: readonly Membership<R>[];
  readonly outcome: UpsertOutcome;
}

/**
 * Adding someone who is already a member updates their role in place instead of duplicating them.
 * The outcome tells the caller whether a plan's member limit applies (only `added` grows the
 * project) and what to write in the audit log. Check `checkMembershipChange` first: this function
 * only reshapes the list.
 */
export function upsertMembership<R extends string>(
  members: readonly Membership<R>[],
  membership: Membership<R>,
): UpsertResult<R> {
  const index = members.findIndex((member) => member.userId === membership.userId);
  if (index === -1) {
    return { members: [...members, { userId: membership.userId, role: membership.role }], outcome: 'added' };
  }
  if (members[index]?.role === membership.role) return { members: [...members], outcome: 'unchanged' };
  return {
    members: members.map((member, i) =>
      i === index ? { userId: member.userId, role: membership.role } : member,
    ),
    outcome: 'updated',
  };
}

/** Every organization has a default project where resources without a project land. */
export function checkProjectDeletion(project: { readonly isDefault: boolean }): InvariantResult {
  return project.isDefault ? violation('conflict', 'The default project cannot be deleted') : ok;
}

/** The default project's canonical name, by which each organization's default project is addressed. */
export const defaultProjectName = 'default';

/**
 * The default project keeps `default` and no other project may take it, so `/projects/default`
 * names the same project of an organization for as long as it lives.
 */
export function checkCanonicalName(project: { readonly isDefault: boolean }, canonicalName: string): InvariantResult {
  if (project.isDefault && canonicalName !== defaultProjectName) {
    return violation('conflict', `The default project keeps the canonical name "${defaultProjectName}"; change its display name instead`);
  }
  if (!project.isDefault && canonicalName === defaultProjectName) {
    return violation('conflict', `The canonical name "${defaultProjectName}" belongs to the organization's default project`);
  }
  return ok;
}

/** The default agent is what every member can always fall back to. */
export function checkEntryDeletion(entry: { readonly isDefaultAgent: boolean }): InvariantResult {
  return entry.isDefaultAgent ? violation('conflict', 'The default agent cannot be deleted') : ok;
}

export function checkEntryRetirement(entry: { readonly isDefaultAgent: boolean }): InvariantResult {
  return entry.isDefaultAgent ? violation('conflict', 'The default agent cannot be retired') : ok;
}

/** Public is the widest visibility, so the default agent can only ever stay public. */
export function checkEntryVisibilityChange(
  entry: { readonly isDefaultAgent: boolean },
  target: Visibility,
): InvariantResult {
  return entry.isDefaultAgent && target.level !== 'public'
    ? violation('conflict', 'The default agent must stay visible to the whole organization')
    : ok;
}
