import type { WorkgroupRole } from '../../shared/domain/roles';
import type { WorkgroupMember, workgroupEndpoints } from '../../shared/rest/workgroup-endpoints';
import { requireMembershipChange } from '../access/membership-access';
import { cancelInvitationsOf } from '../directory/invitation-rows';
import { upsertWorkgroupMember } from '../directory/memberships';
import { getWorkgroupMember, listWorkgroupMembers, removeWorkgroupMember } from '../directory/workgroup-rows';
import { notFound } from '../http/api-error';
import type { Principal } from '../http/principal';
import type { Handlers } from '../http/register-endpoints';
import type { Services } from '../http/services';
import { recordAllowed } from '../audit/record-allowed';

type MemberKeys = 'workgroup.member.list' | 'workgroup.member.upsert' | 'workgroup.member.update-role' | 'workgroup.member.remove';

function memberOf(services: Services, workgroupId: string, userId: string): WorkgroupMember {
  const member = getWorkgroupMember(services.db, workgroupId, userId);
  if (!member) throw notFound('Workgroup member');
  return member;
}

/** Gives `userId` the role, adding them when they are not a member yet, as the membership policy decides. Call inside a write. */
function setRole(services: Services, principal: Principal, workgroupId: string, userId: string, role: WorkgroupRole): WorkgroupMember {
  const { outcome, facts } = requireMembershipChange(services, principal.orgId, { kind: 'workgroup', id: workgroupId }, principal, userId, { kind: 'direct', role });
  if (outcome !== 'unchanged') {
    upsertWorkgroupMember(services.db, workgroupId, userId, role, services.now().toISOString());
    recordAllowed(services, principal, {
      action: outcome === 'added' ? 'workgroup.member.add' : 'workgroup.member.update-role',
      resourceKind: 'workgroup',
      resourceId: workgroupId,
      detail: { userId, role, previousRole: facts.members.find((member) => member.userId === userId)?.role ?? null },
    });
    services.changes.touch(principal.orgId, 'workgroup', workgroupId);
    services.changes.accessChanged(principal.orgId, userId);
  }
  return memberOf(services, workgroupId, userId);
}

export const workgroupMemberHandlers: Handlers<Pick<typeof workgroupEndpoints, MemberKeys>> = {
  'workgroup.member.list': ({ params }, services) => ({ items: listWorkgroupMembers(services.db, params.id) }),

  'workgroup.member.upsert': ({ principal, params, body }, services) =>
    services.write(() => setRole(services, principal, params.id, body.userId, body.role)),

  'workgroup.member.update-role': ({ principal, params, body }, services) =>
    services.write(() => {
      memberOf(services, params.id, params.uid);
      return setRole(services, principal, params.id, params.uid, body.role);
    }),

  'workgroup.member.remove': ({ principal, params }, services) => {
    const leaving = params.uid === principal.userId;
    services.write(() => {
      const target = { kind: 'workgroup', id: params.id } as const;
      const { facts } = requireMembershipChange(services, principal.orgId, target, principal, params.uid, { kind: leaving ? 'leave' : 'remove' });
      removeWorkgroupMember(services.db, params.id, params.uid);
      const cancelled = cancelInvitationsOf(services.db, principal.orgId, params.uid, services.now().toISOString(), target);
      recordAllowed(services, principal, {
        action: leaving ? 'workgroup.leave' : 'workgroup.member.remove',
        resourceKind: 'workgroup',
        resourceId: params.id,
        detail: { userId: params.uid, previousRole: facts.members.find((member) => member.userId === params.uid)?.role ?? null, invitationsCancelled: cancelled },
      });
      services.changes.touch(principal.orgId, 'workgroup', params.id);
      for (const id of cancelled) services.changes.touch(principal.orgId, 'invitation', id);
      services.changes.accessChanged(principal.orgId, params.uid);
    });
    return undefined;
  },
};
