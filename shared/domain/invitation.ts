import { z } from 'zod';
import { InvitationId, OrgId, ProjectId, UserId, WorkgroupId } from './ids';
import { OrgRole, ProjectRole, WorkgroupRole } from './roles';
import { Timestamp } from './timestamp';
import { Email } from './user';

/** What accepting the invitation grants: a role in the organization, a workgroup or a project. */
export const InvitationTarget = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('organization'), role: OrgRole }),
  z.strictObject({ kind: z.literal('workgroup'), workgroupId: WorkgroupId, role: WorkgroupRole }),
  z.strictObject({ kind: z.literal('project'), projectId: ProjectId, role: ProjectRole }),
]);
export type InvitationTarget = z.infer<typeof InvitationTarget>;

export const invitationStatuses = ['pending', 'accepted', 'revoked'] as const;
export const InvitationStatus = z.enum(invitationStatuses);
export type InvitationStatus = z.infer<typeof InvitationStatus>;

export const Invitation = z.strictObject({
  id: InvitationId,
  orgId: OrgId,
  email: Email,
  target: InvitationTarget,
  status: InvitationStatus,
  invitedBy: UserId,
  createdAt: Timestamp,
});
export type Invitation = z.infer<typeof Invitation>;

/** POST /auth/invitations. The organization is the caller's. */
export const InvitationCreate = z.strictObject({
  email: Email,
  target: InvitationTarget,
});
export type InvitationCreate = z.infer<typeof InvitationCreate>;

/** Where the app takes an invitation from a link: `quorum://invite/<code>`. */
export const invitationLinkPrefix = 'quorum://invite/';
const codeBody = 'qi_[A-Za-z0-9_-]{43}';

/**
 * The one-time secret of an invitation, as a bare code or in its link form. Without email
 * delivery an email address proves nothing, so accepting an invitation takes this secret, which
 * its sender hands over themselves; the server keeps only its hash.
 */
export const InvitationCode = z
  .string()
  .trim()
  .regex(new RegExp(`^(?:${invitationLinkPrefix.replace(/[/.]/g, '\\$&')})?${codeBody}$`), {
    error: `must be an invitation code (qi_ and 43 letters, digits, _ or -) or a ${invitationLinkPrefix} link`,
  });
export type InvitationCode = z.infer<typeof InvitationCode>;

/** The bare code of an `InvitationCode`, whichever form was given. */
export function bareInvitationCode(code: InvitationCode): string {
  return code.startsWith(invitationLinkPrefix) ? code.slice(invitationLinkPrefix.length) : code;
}

/** The answer to creating an invitation: the only time its secret is shown, as a code and as a link. */
export const InvitationCreated = z.strictObject({
  ...Invitation.shape,
  code: InvitationCode,
  link: InvitationCode,
  /**
   * True when a pending invitation of the same person to the same place was merged into this one:
   * it keeps its id, takes this role and a new secret, and its earlier link no longer works.
   */
  replacedEarlier: z.boolean(),
});
export type InvitationCreated = z.infer<typeof InvitationCreated>;

/** POST /auth/invitations/accept, by the signed-in person the invitation was sent to. */
export const InvitationAccept = z.strictObject({ code: InvitationCode });
export type InvitationAccept = z.infer<typeof InvitationAccept>;
