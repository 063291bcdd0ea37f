import { bareInvitationCode } from '../../shared/domain/invitation';
import type { OrgRole, ProjectRole } from '../../shared/domain/roles';
import type { MembershipTarget, MembershipVerdict } from '../../shared/policy/membership-change';
import { judgeMembershipChange } from '../access/membership-access';
import { sha256Hex } from '../auth/secrets';
import type { Services } from '../http/services';
import { claimedInvitations, claimInvitation, pendingInvitationBySecret, resolveInvitation } from './invitation-rows';
import { orgRoleOf } from './membership-facts';
import { ensureOrgMember, upsertProjectMember, upsertWorkgroupMember } from './memberships';
import type { InvitationRow } from './rows';

export type Acceptance = { readonly ok: true } | { readonly ok: false; readonly code: Exclude<MembershipVerdict, { allowed: true }>['code']; readonly reason: string };

function targetOf(row: InvitationRow): MembershipTarget {
  return row.target_kind === 'organization' ? { kind: 'organization' } : { kind: row.target_kind, id: row.target_id };
}

function targetExists(services: Services, row: InvitationRow): boolean {
  if (row.target_kind === 'organization') return true;
  const table = row.target_kind === 'project' ? 'projects' : 'workgroups';
  return services.db.prepare(`SELECT 1 FROM ${table} WHERE id = ? AND org_id = ?`).get(row.target_id, row.org_id) !== undefined;
}

/** Gives the invited role: into the organization first when the person is new to it. */
function grant(services: Services, row: InvitationRow, userId: string, joinsOrganization: boolean, at: string): void {
  const db = services.db;
  if (row.target_kind === 'organization') {
    if (joinsOrganization) ensureOrgMember(db, row.org_id, userId, row.role as OrgRole, at);
    else db.prepare('UPDATE org_members SET role = ? WHERE org_id = ? AND user_id = ?').run(row.role, row.org_id, userId);
    return;
  }
  if (joinsOrganization) ensureOrgMember(db, row.org_id, userId, 'member', at);
  if (row.target_kind === 'project') upsertProjectMember(db, row.target_id, userId, row.role as ProjectRole, at);
  else upsertWorkgroupMember(db, row.target_id, userId, row.role as ProjectRole, at);
}

/**
 * Accepts one pending invitation for `user`, the same membership change as the direct endpoints,
 * decided with its sender's rights as they are now. A refusal leaves it pending: the reason (the
 * sender's rights, a full project) may go away. One whose workgroup or project is gone is revoked.
 * `auditRefusal` records a refused attempt the person made on purpose. Call inside a write.
 */
export function acceptInvitation(services: Services, user: { id: string }, row: InvitationRow, auditRefusal: boolean): Acceptance {
  const at = services.now().toISOString();
  const record = (outcome: 'allowed' | 'denied', detail: Record<string, unknown>) =>
    services.audit.record({
      orgId: row.org_id,
      actorId: user.id,
      action: 'invitation.accept',
      resourceKind: 'invitation',
      resourceId: row.id,
      projectId: row.target_kind === 'project' ? row.target_id : null,
      outcome,
      detail: { target: row.target_kind, role: row.role, invitedBy: row.invited_by, ...detail },
    });
  if (!targetExists(services, row)) {
    resolveInvitation(services.db, row.id, 'revoked', at);
    services.changes.touch(row.org_id, 'invitation', row.id);
    return { ok: false, code: 'not_found', reason: `The ${row.target_kind} of this invitation no longer exists` };
  }
  const sender = { userId: row.invited_by, orgRole: orgRoleOf(services.db, row.org_id, row.invited_by) };
  const { verdict } = judgeMembershipChange(services, row.org_id, targetOf(row), sender, user.id, { kind: 'accept', role: row.role as OrgRole | ProjectRole });
  if (!verdict.allowed) {
    if (auditRefusal) record('denied', { reason: verdict.reason });
    return { ok: false, code: verdict.code, reason: verdict.reason };
  }
  grant(services, row, user.id, verdict.joinsOrganization, at);
  resolveInvitation(services.db, row.id, 'accepted', at);
  record('allowed', { outcome: verdict.outcome });
  services.changes.touch(row.org_id, 'invitation', row.id);
  services.changes.touch(row.org_id, 'user', user.id);
  if (row.target_kind !== 'organization') services.changes.touch(row.org_id, row.target_kind, row.target_id);
  services.changes.accessChanged(row.org_id, user.id);
  return { ok: true };
}

/** The pending invitation a code stands for, when it was sent to `email`. */
export function invitationForCode(services: Services, code: string): InvitationRow | undefined {
  return pendingInvitationBySecret(services.db, sha256Hex(bareInvitationCode(code)));
}

/**
 * At sign-up and sign-in: the invitation whose code was presented, if it was sent to this
 * account's email, is claimed by the account and accepted; then every invitation the account
 * claimed before is tried again. Nothing is accepted for an email alone. Call inside a write.
 */
export function acceptAtSignIn(services: Services, user: { id: string; email: string }, code: string | undefined): void {
  const presented = code === undefined ? undefined : invitationForCode(services, code);
  if (presented !== undefined && presented.email === user.email) {
    claimInvitation(services.db, presented.id, user.id);
    acceptInvitation(services, user, presented, true);
  }
  for (const row of claimedInvitations(services.db, user.id)) {
    if (row.id !== presented?.id) acceptInvitation(services, user, row, false);
  }
}
