import { z } from 'zod';
import { UserId, WorkgroupId } from '../domain/ids';
import { OrgRole, ProjectRole } from '../domain/roles';
import { DisplayName } from '../domain/text-fields';
import { Timestamp } from '../domain/timestamp';
import { Email } from '../domain/user';

/** Where a role comes from, as `shared/policy/effective-role.ts` explains it. */
export const RoleSourceView = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('direct') }),
  z.strictObject({ kind: z.literal('workgroup'), workgroupId: WorkgroupId }),
  z.strictObject({ kind: z.literal('org'), orgRole: OrgRole }),
]);
export type RoleSourceView = z.infer<typeof RoleSourceView>;

/**
 * Someone with a role on the project: a direct member, or a member of a workgroup holding the
 * project. `role` is the effective role and `sources` the sources granting exactly it; `grants`
 * lists every source with its role, so a UI can say what would remain if one went away.
 */
export const ProjectMember = z.strictObject({
  userId: UserId,
  displayName: DisplayName,
  email: Email,
  /** The role given on the project itself; null when the role comes only from elsewhere. */
  directRole: ProjectRole.nullable(),
  /** When the direct membership began; null without one. */
  joinedAt: Timestamp.nullable(),
  role: ProjectRole,
  sources: z.array(RoleSourceView),
  grants: z.array(z.strictObject({ role: ProjectRole, source: RoleSourceView })),
});
export type ProjectMember = z.infer<typeof ProjectMember>;

/**
 * POST /projects/{id}/transfer-ownership: makes `userId` an owner (adding them if needed), and
 * with `demoteSelfTo` gives the caller's own direct role up in the same step.
 */
export const OwnershipTransfer = z.strictObject({
  userId: UserId,
  demoteSelfTo: ProjectRole.exclude(['owner']).optional(),
});
export type OwnershipTransfer = z.infer<typeof OwnershipTransfer>;
