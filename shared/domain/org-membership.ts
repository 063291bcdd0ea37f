import { z } from 'zod';
import { OrgId, UserId } from './ids';
import { OrgRole } from './roles';
import { Timestamp } from './timestamp';

export const OrgMembership = z.strictObject({
  orgId: OrgId,
  userId: UserId,
  role: OrgRole,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type OrgMembership = z.infer<typeof OrgMembership>;

/** POST /orgs/{id}/members: adding someone who is already a member changes their role. */
export const OrgMembershipUpsert = z.strictObject({
  userId: UserId,
  role: OrgRole,
});
export type OrgMembershipUpsert = z.infer<typeof OrgMembershipUpsert>;

/** PUT /orgs/{id}/members/{uid}: the user is named by the path. */
export const OrgMembershipUpdate = z.strictObject({
  role: OrgRole,
});
export type OrgMembershipUpdate = z.infer<typeof OrgMembershipUpdate>;
