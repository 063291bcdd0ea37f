import { z } from 'zod';
import { ProjectId, UserId } from './ids';
import { ProjectRole } from './roles';
import { Timestamp } from './timestamp';

/** A direct role on a project; the effective role may be higher through workgroups or the org. */
export const ProjectMembership = z.strictObject({
  projectId: ProjectId,
  userId: UserId,
  role: ProjectRole,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type ProjectMembership = z.infer<typeof ProjectMembership>;

/** POST /projects/{id}/members: adding someone who is already a member changes their role. */
export const ProjectMembershipUpsert = z.strictObject({
  userId: UserId,
  role: ProjectRole,
});
export type ProjectMembershipUpsert = z.infer<typeof ProjectMembershipUpsert>;

/** PUT /projects/{id}/members/{uid}: the user is named by the path. */
export const ProjectMembershipUpdate = z.strictObject({
  role: ProjectRole,
});
export type ProjectMembershipUpdate = z.infer<typeof ProjectMembershipUpdate>;
