import type { OrgRole } from '../../shared/domain/roles';
import type { OrgMember, orgEndpoints } from '../../shared/rest/org-endpoints';
import { decideOrgMemberChange } from '../../shared/policy/org-member-rules';
import { enforce } from '../access/enforce';
import { requireMembershipChange } from '../access/membership-access';
import { createServiceAccount } from '../directory/create-service-account';
import { getOrgMember, listOrgMembers } from '../directory/org-member-rows';
import { removeOrgMember } from '../directory/remove-org-member';
import { badRequest, notFound } from '../http/api-error';
import type { Principal } from '../http/principal';
import type { Handlers } from '../http/register-endpoints';
import type { Services } from '../http/services';
import { newEntityId } from '../../shared/domain/new-entity-id';
import { recordAllowed } from '../audit/record-allowed';

type MemberKeys = 'org.member.list' | 'org.member.upsert' | 'org.member.update-role' | 'org.member.remove';

function memberOf(services: Services, principal: Principal, userId: string): OrgMember {
  const member = getOrgMember(services.db, principal.orgId, userId);
  if (!member) throw notFound('Member');
  return member;
}

/** Changes a member's org role. Call inside a write. */
function setRole(services: Services, principal: Principal, userId: string, role: OrgRole): OrgMember {
  const current = memberOf(services, principal, userId);
  requireMembershipChange(services, principal.orgId, { kind: 'organization' }, principal, userId, { kind: 'direct', role });
  if (current.role === role) return current;
  services.db.prepare('UPDATE org_members SET role = ? WHERE org_id = ? AND user_id = ?').run(role, principal.orgId, userId);
  recordAllowed(services, principal, {
    action: 'org.member.update-role',
    resourceKind: 'user',
    resourceId: userId,
    detail: { role, previousRole: current.role },
  });
  services.changes.touch(principal.orgId, 'user', userId);
  // Admins and owners own every project; the role decides what this person reaches from now on.
  services.changes.accessChanged(principal.orgId, userId);
  return memberOf(services, principal, userId);
}

function addServiceAccount(services: Services, principal: Principal, displayName: string, role: OrgRole): OrgMember {
  const userId = newEntityId('usr');
  enforce(decideOrgMemberChange(principal, principal.orgId, { kind: 'add', userId, role }));
  const user = createServiceAccount(services.db, { id: userId, orgId: principal.orgId, displayName, role, at: services.now().toISOString() });
  recordAllowed(services, principal, {
    action: 'org.member.add',
    resourceKind: 'user',
    resourceId: user.id,
    detail: { kind: 'service', role },
  });
  services.changes.touch(principal.orgId, 'user', user.id);
  services.changes.accessChanged(principal.orgId, user.id);
  return memberOf(services, principal, user.id);
}

export const orgMemberHandlers: Handlers<Pick<typeof orgEndpoints, MemberKeys>> = {
  'org.member.list': ({ principal }, services) => ({ items: listOrgMembers(services.db, principal.orgId) }),

  'org.member.upsert': ({ principal, body }, services) => {
    const { userId, serviceAccount, role } = body;
    if (serviceAccount !== undefined) return services.write(() => addServiceAccount(services, principal, serviceAccount.displayName, role));
    // The schema already requires one of the two; this keeps the compiler and the schema in step.
    if (userId === undefined) throw badRequest('userId is required unless serviceAccount is given', 'userId');
    return services.write(() => setRole(services, principal, userId, role));
  },

  'org.member.update-role': ({ principal, params, body }, services) => services.write(() => setRole(services, principal, params.uid, body.role)),

  'org.member.remove': ({ principal, params }, services) => {
    services.write(() => {
      const current = memberOf(services, principal, params.uid);
      const leaving = params.uid === principal.userId;
      requireMembershipChange(services, principal.orgId, { kind: 'organization' }, principal, params.uid, { kind: leaving ? 'leave' : 'remove' });
      const removal = removeOrgMember(services.db, principal.orgId, params.uid, services.now().toISOString());
      recordAllowed(services, principal, {
        action: leaving ? 'org.leave' : 'org.member.remove',
        resourceKind: 'user',
        resourceId: params.uid,
        detail: { previousRole: current.role, kind: current.user.kind, ...removal },
      });
      services.changes.touch(principal.orgId, 'user', params.uid);
      for (const keyId of removal.apiKeyIdsRevoked) services.changes.touch(principal.orgId, 'api-key', keyId);
      for (const invitationId of removal.invitationIdsCancelled) services.changes.touch(principal.orgId, 'invitation', invitationId);
      for (const projectId of removal.projectIds) services.changes.touch(principal.orgId, 'project', projectId);
      for (const workgroupId of removal.workgroupIds) services.changes.touch(principal.orgId, 'workgroup', workgroupId);
      services.changes.accessChanged(principal.orgId, params.uid);
    });
    return undefined;
  },
};
