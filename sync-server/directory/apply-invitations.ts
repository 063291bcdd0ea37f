import type { OrgRole, ProjectRole } from '../../shared/domain/roles';
import type { Services } from '../http/services';
import { ensureOrgMember, upsertProjectMember, upsertWorkgroupMember } from './memberships';
import type { InvitationRow } from './rows';

/**
 * Applies every pending invitation for the user's email: the invitee joins the organization (as a
 * member when the invitation is for a workgroup or project) and gets the invited role. An invitation
 * whose workgroup or project is gone is marked revoked. Call inside a write.
 */
export function applyPendingInvitations(services: Services, user: { id: string; email: string }): number {
  const db = services.db;
  const at = services.now().toISOString();
  const pending = db
    .prepare("SELECT * FROM invitations WHERE email = ? AND status = 'pending' ORDER BY created_at")
    .all(user.email) as InvitationRow[];
  let applied = 0;
  for (const invitation of pending) {
    const targetExists =
      invitation.target_kind === 'organization' ||
      db
        .prepare(`SELECT 1 FROM ${invitation.target_kind === 'project' ? 'projects' : 'workgroups'} WHERE id = ? AND org_id = ?`)
        .get(invitation.target_id, invitation.org_id) !== undefined;
    if (!targetExists) {
      db.prepare("UPDATE invitations SET status = 'revoked', resolved_at = ? WHERE id = ?").run(at, invitation.id);
      continue;
    }
    const orgRole: OrgRole = invitation.target_kind === 'organization' ? (invitation.role as OrgRole) : 'member';
    ensureOrgMember(db, invitation.org_id, user.id, orgRole, at);
    if (invitation.target_kind === 'project') {
      upsertProjectMember(db, invitation.target_id, user.id, invitation.role as ProjectRole, at);
    } else if (invitation.target_kind === 'workgroup') {
      upsertWorkgroupMember(db, invitation.target_id, user.id, invitation.role as ProjectRole, at);
    }
    db.prepare("UPDATE invitations SET status = 'accepted', resolved_at = ? WHERE id = ?").run(at, invitation.id);
    services.audit.record({
      orgId: invitation.org_id,
      actorId: user.id,
      action: 'invitation.accept',
      resourceKind: 'invitation',
      resourceId: invitation.id,
      projectId: invitation.target_kind === 'project' ? invitation.target_id : null,
      outcome: 'allowed',
      detail: { target: invitation.target_kind, role: invitation.role },
    });
    services.changes.touch(invitation.org_id, 'invitation', invitation.id);
    services.changes.touch(invitation.org_id, 'user', user.id);
    services.changes.accessChanged(invitation.org_id, user.id);
    applied++;
  }
  return applied;
}
