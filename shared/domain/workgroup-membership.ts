import { z } from 'zod';
import { UserId, WorkgroupId } from './ids';
import { WorkgroupRole } from './roles';
import { Timestamp } from './timestamp';

/** The role a workgroup member holds on every project the workgroup contains. */
export const WorkgroupMembership = z.strictObject({
  workgroupId: WorkgroupId,
  userId: UserId,
  role: WorkgroupRole,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type WorkgroupMembership = z.infer<typeof WorkgroupMembership>;

/** POST /workgroups/{id}/members: adding someone who is already a member changes their role. */
export const WorkgroupMembershipUpsert = z.strictObject({
  userId: UserId,
  role: WorkgroupRole,
});
export type WorkgroupMembershipUpsert = z.infer<typeof WorkgroupMembershipUpsert>;
