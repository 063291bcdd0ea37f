import { z } from 'zod';
import { OrgId } from '../domain/ids';
import { Organization } from '../domain/organization';
import { OrgRole } from '../domain/roles';
import { DisplayName } from '../domain/text-fields';
import { Timestamp } from '../domain/timestamp';
import { AuthSession } from './auth-endpoints';
import type { Endpoint } from './endpoint';
import { listOf } from './list-response';

/** POST /auth/reauthenticate: the password again, for the changes that need a recent sign-in. */
export const Reauthentication = z.strictObject({ password: z.string().max(1024) });
export type Reauthentication = z.infer<typeof Reauthentication>;

export const Reauthenticated = z.strictObject({ signedInAt: Timestamp });
export type Reauthenticated = z.infer<typeof Reauthenticated>;

/** One of the caller's organizations with their role in it. */
export const OrganizationMembership = z.strictObject({ organization: Organization, role: OrgRole });
export type OrganizationMembership = z.infer<typeof OrganizationMembership>;

export const OrganizationSwitch = z.strictObject({ orgId: OrgId });
export type OrganizationSwitch = z.infer<typeof OrganizationSwitch>;

/** POST /orgs: a further organization, owned by the caller, on the server's default plan. */
export const OrganizationCreate = z.strictObject({ name: DisplayName });
export type OrganizationCreate = z.infer<typeof OrganizationCreate>;

/** A person's place across organizations: which they belong to, switching between them, founding another. */
export const accountEndpoints = {
  'auth.reauthenticate': {
    method: 'POST',
    path: '/auth/reauthenticate',
    summary: "Enter the session's password again: destructive structural changes need it within the last 10 minutes",
    body: Reauthentication,
    response: Reauthenticated,
  },
  'auth.organizations': {
    method: 'GET',
    path: '/auth/organizations',
    summary: "The caller's organizations with their role in each",
    response: listOf(OrganizationMembership),
  },
  'auth.switch-organization': {
    method: 'POST',
    path: '/auth/switch-organization',
    summary: 'A new session of the same user scoped to another of their organizations; the current one ends',
    body: OrganizationSwitch,
    response: AuthSession,
  },
  'org.create': {
    method: 'POST',
    path: '/orgs',
    summary: "Found another organization: the caller becomes its owner, on the server's default plan",
    body: OrganizationCreate,
    status: 201,
    response: Organization,
  },
} as const satisfies Record<string, Endpoint>;
