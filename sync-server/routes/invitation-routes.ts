import type { InvitationTarget } from '../../shared/domain/invitation';
import { invitationLinkPrefix } from '../../shared/domain/invitation';
import { newEntityId } from '../../shared/domain/new-entity-id';
import type { MembershipTarget } from '../../shared/policy/membership-change';
import { hasCapability } from '../../shared/policy/capabilities';
import type { authEndpoints } from '../../shared/rest/auth-endpoints';
import { requireMembershipChange } from '../access/membership-access';
import { recordAllowed } from '../audit/record-allowed';
import { newInvitationCode, sha256Hex } from '../auth/secrets';
import { acceptInvitation, invitationForCode } from '../directory/accept-invitation';
import { claimInvitation, getInvitationRow, insertInvitation, invitationTargetId, pendingInvitationFor, replaceInvitation, resolveInvitation } from '../directory/invitation-rows';
import type { InvitationRow } from '../directory/rows';
import { findUserByEmail, getUserRow, orgChoices, toInvitation } from '../directory/rows';
import { ApiError, conflict, forbidden, notFound } from '../http/api-error';
import type { Handlers } from '../http/register-endpoints';

type InvitationKeys = 'invitation.list' | 'invitation.create' | 'invitation.accept' | 'invitation.revoke';

function membershipTargetOf(target: InvitationTarget): MembershipTarget {
  switch (target.kind) {
    case 'organization':
      return { kind: 'organization' };
    case 'workgroup':
      return { kind: 'workgroup', id: target.workgroupId };
    case 'project':
      return { kind: 'project', id: target.projectId };
  }
}

/** Invitations into the organization, a workgroup or a project: sent, listed, accepted by code, revoked. */
export const invitationHandlers: Handlers<Pick<typeof authEndpoints, InvitationKeys>> = {
  'invitation.list': ({ principal }, services) => {
    const rows = services.db
      .prepare("SELECT * FROM invitations WHERE org_id = ? AND status = 'pending' ORDER BY created_at, id")
      .all(principal.orgId) as InvitationRow[];
    // Admins see every invitation; project and workgroup owners see those they sent.
    const all = hasCapability(principal.orgRole, 'invitation.read');
    return { items: rows.filter((r) => all || r.invited_by === principal.userId).map(toInvitation) };
  },

  'invitation.create': ({ principal, body }, services) => {
    const target = body.target;
    const code = newInvitationCode();
    const targetId = invitationTargetId(principal.orgId, target);
    const row: InvitationRow = {
      id: newEntityId('inv'),
      org_id: principal.orgId,
      email: body.email,
      target_kind: target.kind,
      target_id: targetId,
      role: target.role,
      status: 'pending',
      invited_by: principal.userId,
      created_at: services.now().toISOString(),
      resolved_at: null,
      secret_hash: sha256Hex(code),
      claimed_by: null,
    };
    let replacedEarlier = false;
    services.write(() => {
      // What concerns the sender is decided now; the rest when it is accepted, as things are then.
      const invitee = findUserByEmail(services.db, body.email);
      requireMembershipChange(services, principal.orgId, membershipTargetOf(target), principal, invitee?.id ?? '', { kind: 'invite', role: target.role });
      // Two pending invitations of one person to one place would leave them two links and two
      // roles to choose from: the newer one merges into the waiting one, which keeps its id.
      const earlier = pendingInvitationFor(services.db, principal.orgId, row.email, row.target_kind, targetId);
      if (earlier === undefined) {
        insertInvitation(services.db, row);
      } else {
        row.id = earlier.id;
        replaceInvitation(services.db, row);
        replacedEarlier = true;
      }
      services.audit.record({
        orgId: principal.orgId,
        actorId: principal.userId,
        action: 'invitation.create',
        resourceKind: 'invitation',
        resourceId: row.id,
        projectId: target.kind === 'project' ? target.projectId : null,
        outcome: 'allowed',
        detail: { target: target.kind, role: target.role, ...(replacedEarlier ? { replacedEarlier } : {}) },
      });
      services.changes.touch(principal.orgId, 'invitation', row.id);
    });
    // Shown this once: there is no email delivery, so the sender hands the code or link over.
    return { ...toInvitation(row), code, link: `${invitationLinkPrefix}${code}`, replacedEarlier };
  },

  'invitation.accept': ({ principal, body }, services) => {
    const user = getUserRow(services.db, principal.userId);
    const row = invitationForCode(services, body.code);
    if (!user || !row) throw notFound('Invitation');
    if (row.email !== user.email) throw forbidden('This invitation was sent to another email address; sign in with that address to accept it.');
    const acceptance = services.write(() => {
      claimInvitation(services.db, row.id, user.id);
      return acceptInvitation(services, user, row, true);
    });
    if (!acceptance.ok) throw new ApiError(acceptance.code, acceptance.reason);
    const organization = orgChoices(services.db, user.id).find((choice) => choice.id === row.org_id);
    const accepted = getInvitationRow(services.db, row.org_id, row.id);
    if (!organization || !accepted) throw notFound('Invitation');
    return { invitation: toInvitation(accepted), organization };
  },

  'invitation.revoke': ({ principal, params }, services) => {
    const row = getInvitationRow(services.db, principal.orgId, params.id);
    if (!row) throw notFound('Invitation');
    if (row.invited_by !== principal.userId && !hasCapability(principal.orgRole, 'invitation.revoke')) {
      throw notFound('Invitation');
    }
    if (row.status !== 'pending') throw conflict(`This invitation is already ${row.status}.`);
    services.write(() => {
      resolveInvitation(services.db, row.id, 'revoked', services.now().toISOString());
      recordAllowed(services, principal, { action: 'invitation.revoke', resourceKind: 'invitation', resourceId: row.id });
      services.changes.touch(principal.orgId, 'invitation', row.id);
    });
    return undefined;
  },
};
