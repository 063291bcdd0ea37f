import type { OrgRole } from '../domain/roles';
import { orgRoleRank } from '../domain/roles';
import type { UserKind } from '../domain/user';
import type { Decision } from './decision';
import { deny } from './decision';
import type { Subject } from './decide';
import { decideOrgAction } from './decide';

/** Whom a key would act as: its holder, their kind and their role in the organization. */
export interface KeyHolder {
  readonly userId: string;
  readonly kind: UserKind;
  readonly orgRole: OrgRole;
}

const roleNames: Readonly<Record<OrgRole, string>> = { member: 'a member', admin: 'an admin', owner: 'an owner' };

/**
 * Who may mint an API key for whom. A key acts with all the rights of its holder, so minting one
 * for someone else is acting as them: people mint only their own, and a service account's key is
 * minted only by someone who holds at least the account's role. Otherwise an admin could mint a
 * key for an owner service account and act as an owner.
 */
export function decideApiKeyMint(actor: Subject, orgId: string, holder: KeyHolder): Decision {
  const context = { scope: 'org', orgId } as const;
  if (holder.userId === actor.userId) return decideOrgAction(actor, 'api-key.create-own', context);
  const base = decideOrgAction(actor, 'api-key.create-for-service', context);
  if (!base.allowed) return base;
  if (holder.kind !== 'service') return deny('forbidden', 'Keys can be minted for service accounts only; people mint their own');
  if (actor.orgRole === undefined || orgRoleRank(holder.orgRole) > orgRoleRank(actor.orgRole)) {
    return deny(
      'forbidden',
      `This service account is ${roleNames[holder.orgRole]} of the organization, and a key acts with its role: only someone who is ${roleNames[holder.orgRole]} can mint one`,
    );
  }
  return base;
}
