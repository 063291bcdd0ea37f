import type { OrgRole } from '../domain/roles';
import type { OrgAction } from './actions';
import type { Decision } from './decision';
import { deny } from './decision';
import type { Subject } from './decide';
import { decideOrgAction } from './decide';

/**
 * A change to an organization's membership. `invite` is an email invitation with a role
 * (`invitation.create`), `add` puts an existing user in directly (`org.member.invite`); removing
 * yourself is leaving. The current role of the person changed is part of the change because the
 * rule depends on it.
 */
export type OrgMemberChange =
  | { readonly kind: 'invite'; readonly role: OrgRole }
  | { readonly kind: 'add'; readonly userId: string; readonly role: OrgRole }
  | { readonly kind: 'set-role'; readonly userId: string; readonly currentRole: OrgRole; readonly role: OrgRole }
  | { readonly kind: 'remove'; readonly userId: string; readonly currentRole: OrgRole };

const actionOf = {
  invite: 'invitation.create',
  add: 'org.member.invite',
  'set-role': 'org.member.update-role',
  remove: 'org.member.remove',
} as const satisfies Record<OrgMemberChange['kind'], OrgAction>;

function touchesOwner(change: OrgMemberChange): boolean {
  switch (change.kind) {
    case 'invite':
    case 'add':
      return change.role === 'owner';
    case 'set-role':
      return change.currentRole === 'owner' || change.role === 'owner';
    case 'remove':
      return change.currentRole === 'owner';
  }
}

/**
 * Admins manage members but not owners: they cannot remove or demote an owner, nor make anyone
 * (themselves included) an owner, so the people who hold the organization cannot be locked out by
 * the people they appointed. Anyone may leave. The last owner rule is separate, because it needs
 * the member list (`checkOrgMembershipChange` in `invariants.ts`).
 */
export function decideOrgMemberChange(actor: Subject, orgId: string, change: OrgMemberChange): Decision {
  const context = { scope: 'org', orgId } as const;
  if (change.kind === 'remove' && change.userId === actor.userId) {
    return decideOrgAction(actor, 'org.leave', context);
  }
  const base = decideOrgAction(actor, actionOf[change.kind], context);
  if (!base.allowed) return base;
  if (touchesOwner(change) && actor.orgRole !== 'owner') {
    return deny('forbidden', 'Only organization owners can add, remove or change owners');
  }
  return base;
}
