import { z } from 'zod';
import { UserId } from '../domain/ids';
import { Organization, OrganizationUpdate } from '../domain/organization';
import { OrgMembershipUpdate } from '../domain/org-membership';
import { OrgRole } from '../domain/roles';
import { DisplayName } from '../domain/text-fields';
import { Timestamp } from '../domain/timestamp';
import { User } from '../domain/user';
import type { Endpoint } from './endpoint';
import { listOf, NoContent } from './list-response';
import { IdParams, IdUserParams } from './path-params';

/** An organization member as listed: the user (with their kind: person or service) and their org role. */
export const OrgMember = z.strictObject({
  user: User,
  role: OrgRole,
  joinedAt: Timestamp,
});
export type OrgMember = z.infer<typeof OrgMember>;

/** A service account has no email of its own and no password: it signs in with API keys only. */
export const ServiceAccountCreate = z.strictObject({ displayName: DisplayName });
export type ServiceAccountCreate = z.infer<typeof ServiceAccountCreate>;

/**
 * POST /orgs/{id}/members. Either `userId` names a member whose role changes, or `serviceAccount`
 * creates a service account with the role. People who are not members yet join through
 * invitations, so nobody is put into an organization without acting themselves.
 */
export const OrgMemberUpsert = z
  .strictObject({
    userId: UserId.optional(),
    serviceAccount: ServiceAccountCreate.optional(),
    role: OrgRole,
  })
  .superRefine((value, ctx) => {
    if (value.userId !== undefined && value.serviceAccount !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['serviceAccount'], message: 'must not be given together with userId' });
    } else if (value.userId === undefined && value.serviceAccount === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['userId'],
        message: 'is required unless serviceAccount is given; invite people who are not members yet',
      });
    }
  });
export type OrgMemberUpsert = z.infer<typeof OrgMemberUpsert>;

export const orgEndpoints = {
  'org.read': {
    method: 'GET',
    path: '/orgs/:id',
    access: [{ on: 'org', action: 'org.read', id: 'params.id' }],
    summary: "The caller's organization",
    params: IdParams,
    response: Organization,
  },
  'org.update': {
    method: 'PUT',
    path: '/orgs/:id',
    access: [{ on: 'org', action: 'org.update', id: 'params.id' }],
    summary: "Replace the organization's name, slug and plan (the plan only by its owners)",
    params: IdParams,
    body: OrganizationUpdate,
    response: Organization,
  },
  'org.member.list': {
    method: 'GET',
    path: '/orgs/:id/members',
    access: [{ on: 'org', action: 'org.member.read', id: 'params.id' }],
    summary: 'Members of the organization with their roles and kinds',
    params: IdParams,
    response: listOf(OrgMember),
  },
  'org.member.upsert': {
    method: 'POST',
    path: '/orgs/:id/members',
    access: [{ on: 'org', action: 'org.member.invite', id: 'params.id' }],
    summary: "Change a member's role, or create a service account",
    params: IdParams,
    body: OrgMemberUpsert,
    response: OrgMember,
  },
  'org.member.update-role': {
    method: 'PUT',
    path: '/orgs/:id/members/:uid',
    access: [{ on: 'org', action: 'org.member.update-role', id: 'params.id' }],
    summary: "Change a member's role",
    params: IdUserParams,
    body: OrgMembershipUpdate,
    response: OrgMember,
  },
  'org.member.remove': {
    method: 'DELETE',
    path: '/orgs/:id/members/:uid',
    access: [{ on: 'org', action: 'org.member.remove', id: 'params.id', self: { userId: 'params.uid', action: 'org.leave' } }],
    summary: 'Remove a member with their project and workgroup memberships, sessions and API keys',
    params: IdUserParams,
    status: 204,
    response: NoContent,
  },
} as const satisfies Record<string, Endpoint>;
