import type { ProjectRole } from '../../shared/domain/roles';
import type { ProjectMember } from '../../shared/rest/project-member-view';
import type { projectEndpoints } from '../../shared/rest/project-endpoints';
import { requireMembershipChange } from '../access/membership-access';
import { cancelInvitationsOf } from '../directory/invitation-rows';
import { upsertProjectMember } from '../directory/memberships';
import { directMembers, projectMembers } from '../directory/project-members';
import { badRequest, notFound } from '../http/api-error';
import type { Principal } from '../http/principal';
import type { Handlers } from '../http/register-endpoints';
import type { Services } from '../http/services';
import { recordAllowed } from '../audit/record-allowed';

type MemberHandlers = Pick<
  Handlers<typeof projectEndpoints>,
  'project.member.list' | 'project.member.add' | 'project.member.update' | 'project.member.remove' | 'project.ownership.transfer'
>;

interface RoleChange {
  readonly projectId: string;
  readonly userId: string;
  readonly role: ProjectRole;
  /** `add` upserts; `update` only changes an existing direct membership. */
  readonly mode: 'add' | 'update';
  readonly action: string;
}

/**
 * Gives someone a direct role, as the membership policy decides: only members of the
 * organization, never demoting the last owner, and the plan's members per project (everyone with
 * a role on it, through workgroups too) only when the project grows. Call inside a write.
 */
function setDirectRole(services: Services, principal: Principal, change: RoleChange): void {
  const db = services.db;
  const current = directMembers(db, change.projectId).find((member) => member.userId === change.userId);
  if (change.mode === 'update' && current === undefined) throw notFound('Project member');
  const { outcome } = requireMembershipChange(services, principal.orgId, { kind: 'project', id: change.projectId }, principal, change.userId, {
    kind: 'direct',
    role: change.role,
  });
  if (outcome !== 'unchanged') {
    upsertProjectMember(db, change.projectId, change.userId, change.role, services.now().toISOString());
    services.changes.touch(principal.orgId, 'project', change.projectId);
    services.changes.accessChanged(principal.orgId, change.userId);
  }
  recordAllowed(services, principal, {
    action: change.action,
    resourceKind: 'user',
    resourceId: change.userId,
    projectId: change.projectId,
    detail: { role: change.role, previousRole: current?.role ?? null, outcome },
  });
}

function memberView(services: Services, principal: Principal, projectId: string, userId: string): ProjectMember {
  const member = projectMembers(services.db, principal.orgId, projectId, userId)[0];
  if (member === undefined) throw notFound('Project member');
  return member;
}

export const projectMemberHandlers: MemberHandlers = {
  'project.member.list': ({ principal, params }, services) => ({ items: projectMembers(services.db, principal.orgId, params.id) }),

  'project.member.add': ({ principal, params, body }, services) => {
    return services.write(() => {
      setDirectRole(services, principal, { projectId: params.id, userId: body.userId, role: body.role, mode: 'add', action: 'project.member.add' });
      return memberView(services, principal, params.id, body.userId);
    });
  },

  'project.member.update': ({ principal, params, body }, services) => {
    return services.write(() => {
      setDirectRole(services, principal, { projectId: params.id, userId: params.uid, role: body.role, mode: 'update', action: 'project.member.update' });
      return memberView(services, principal, params.id, params.uid);
    });
  },

  'project.member.remove': ({ principal, params }, services) => {
    const leaving = params.uid === principal.userId;
    services.write(() => {
      const target = { kind: 'project', id: params.id } as const;
      const { facts } = requireMembershipChange(services, principal.orgId, target, principal, params.uid, { kind: leaving ? 'leave' : 'remove' });
      services.db.prepare('DELETE FROM project_members WHERE project_id = ? AND user_id = ?').run(params.id, params.uid);
      const cancelled = cancelInvitationsOf(services.db, principal.orgId, params.uid, services.now().toISOString(), target);
      recordAllowed(services, principal, {
        action: leaving ? 'project.leave' : 'project.member.remove',
        resourceKind: 'user',
        resourceId: params.uid,
        projectId: params.id,
        detail: { previousRole: facts.members.find((member) => member.userId === params.uid)?.role ?? null, invitationsCancelled: cancelled },
      });
      services.changes.touch(principal.orgId, 'project', params.id);
      for (const id of cancelled) services.changes.touch(principal.orgId, 'invitation', id);
      services.changes.accessChanged(principal.orgId, params.uid);
    });
    return undefined;
  },

  'project.ownership.transfer': ({ principal, params, body }, services) => {
    if (body.userId === principal.userId) throw badRequest('userId must name someone other than yourself', 'userId');
    return services.write(() => {
      const ownDirectRole = directMembers(services.db, params.id).find((member) => member.userId === principal.userId)?.role;
      if (body.demoteSelfTo !== undefined && ownDirectRole === undefined) {
        throw badRequest('demoteSelfTo cannot apply: you hold no direct role on this project to give up', 'demoteSelfTo');
      }
      // The new owner first, so that the caller is no longer the last owner when they step down.
      setDirectRole(services, principal, {
        projectId: params.id,
        userId: body.userId,
        role: 'owner',
        mode: 'add',
        action: 'project.ownership.transfer',
      });
      if (body.demoteSelfTo !== undefined) {
        setDirectRole(services, principal, {
          projectId: params.id,
          userId: principal.userId,
          role: body.demoteSelfTo,
          mode: 'update',
          action: 'project.member.update',
        });
      }
      return { items: projectMembers(services.db, principal.orgId, params.id) };
    });
  },
};
