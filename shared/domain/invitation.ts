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
