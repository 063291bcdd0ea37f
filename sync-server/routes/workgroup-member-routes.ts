import type { WorkgroupRole } from '../../shared/domain/roles';
import type { WorkgroupMember, workgroupEndpoints } from '../../shared/rest/workgroup-endpoints';
import { upsertMembership } from '../../shared/policy/invariants';
import { checkWorkgroupMembershipChange } from '../../shared/policy/workgroup-membership-rules';
import { enforceInvariant } from '../access/enforce-invariant';
import { requireWorkgroup } from '../access/workgroup-access';
import { upsertWorkgroupMember } from '../directory/memberships';
import { getWorkgroupMember, listWorkgroupMembers, workgroupMemberships } from '../directory/workgroup-rows';
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

/** Gives `userId` the role, adding them when they are not a member yet. Call inside a write, after the access check. */
function setRole(services: Services, principal: Principal, workgroupId: string, userId: string, role: WorkgroupRole): WorkgroupMember {
  const db = services.db;
  // Only people of the organization can join; anyone else is as unknown here as a missing user.
  if (!db.prepare('SELECT 1 FROM org_members WHERE org_id = ? AND user_id = ?').get(principal.orgId, userId)) throw notFound('User');
  const members = workgroupMemberships(db, workgroupId);
  enforceInvariant(checkWorkgroupMembershipChange(members, { kind: 'set-role', userId, role }));
  const { outcome } = upsertMembership(members, { userId, role });
  if (outcome !== 'unchanged') {
    upsertWorkgroupMember(db, workgroupId, userId, role, services.now().toISOString());
    recordAllowed(services, principal, {
      action: outcome === 'added' ? 'workgroup.member.add' : 'workgroup.member.update-role',
      resourceKind: 'workgroup',
      resourceId: workgroupId,
      detail: { userId, role, previousRole: members.find((member) => member.userId === userId)?.role ?? null },
    });
    services.changes.touch(principal.orgId, 'workgroup', workgroupId);
    services.changes.accessChanged(principal.orgId, userId);
  }
  return memberOf(services, workgroupId, userId);
}

export const workgroupMemberHandlers: Handlers<Pick<typeof workgroupEndpoints, MemberKeys>> = {
  'workgroup.member.list': ({ principal, params }, services) => {
    requireWorkgroup(services, principal, params.id, 'workgroup.member.read');
    return { items: listWorkgroupMembers(services.db, params.id) };
  },

  'workgroup.member.upsert': ({ principal, params, body }, services) =>
    services.write(() => {
      requireWorkgroup(services, principal, params.id, 'workgroup.member.manage');
      return setRole(services, principal, params.id, body.userId, body.role);
    }),

  'workgroup.member.update-role': ({ principal, params, body }, services) =>
    services.write(() => {
      requireWorkgroup(services, principal, params.id, 'workgroup.member.manage');
      memberOf(services, params.id, params.uid);
      return setRole(services, principal, params.id, params.uid, body.role);
    }),

  'workgroup.member.remove': ({ principal, params }, services) => {
    const leaving = params.uid === principal.userId;
    services.write(() => {
      requireWorkgroup(services, principal, params.id, leaving ? 'workgroup.leave' : 'workgroup.member.manage');
      const members = workgroupMemberships(services.db, params.id);
      enforceInvariant(checkWorkgroupMembershipChange(members, { kind: 'remove', userId: params.uid }));
      services.db.prepare('DELETE FROM workgroup_members WHERE workgroup_id = ? AND user_id = ?').run(params.id, params.uid);
      recordAllowed(services, principal, {
        action: leaving ? 'workgroup.leave' : 'workgroup.member.remove',
        resourceKind: 'workgroup',
        resourceId: params.id,
        detail: { userId: params.uid, previousRole: members.find((member) => member.userId === params.uid)?.role ?? null },
      });
      services.changes.touch(principal.orgId, 'workgroup', params.id);
      services.changes.accessChanged(principal.orgId, params.uid);
    });
    return undefined;
  },
};
