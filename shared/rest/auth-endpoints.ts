import { z } from 'zod';
import { ApiKey, ApiKeyCreate, ApiKeyMinted } from '../domain/api-key';
import { ApiKeyId, OrgId, ProjectId, WorkgroupId } from '../domain/ids';
import { Invitation, InvitationCreate } from '../domain/invitation';
import { Organization } from '../domain/organization';
import { OrgRole, ProjectRole, WorkgroupRole } from '../domain/roles';
import { DisplayName } from '../domain/text-fields';
import { Timestamp } from '../domain/timestamp';
import { Email, Password, User } from '../domain/user';
import type { Endpoint } from './endpoint';
import { listOf, NoContent } from './list-response';
import { IdParams } from './path-params';

export const SignupRequest = z.strictObject({
  email: Email,
  password: Password,
  displayName: DisplayName,
  /** A new organization the user will own; without it the user joins through their invitations. */
  organizationName: DisplayName.optional(),
});
export type SignupRequest = z.infer<typeof SignupRequest>;

export const LoginRequest = z.strictObject({
  email: Email,
  // Any string: a login must answer "wrong email or password", never explain the password rules.
  password: z.string().max(1024),
  /** Which of the user's organizations the session acts in; the oldest membership otherwise. */
  orgId: OrgId.optional(),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const OrgChoice = z.strictObject({ id: OrgId, name: DisplayName, role: OrgRole });

export const AuthSession = z.strictObject({
  token: z.string(),
  expiresAt: Timestamp,
  user: User,
  organization: Organization,
  orgRole: OrgRole,
  organizations: z.array(OrgChoice),
});
export type AuthSession = z.infer<typeof AuthSession>;

export const Whoami = z.strictObject({
  user: User,
  organization: Organization,
  orgRole: OrgRole,
  credential: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('session'), expiresAt: Timestamp }),
    z.strictObject({ kind: z.literal('api-key'), keyId: ApiKeyId }),
  ]),
  organizations: z.array(OrgChoice),
});
export type Whoami = z.infer<typeof Whoami>;

/**
 * The caller's effective roles in their organization: on every project and workgroup where they
 * have one (org owners and admins: every project and workgroup, as owner). What a client's copy of
 * the policy needs to decide offline what the user may do.
 */
export const AccessSummary = z.strictObject({
  orgRole: OrgRole,
  projects: z.record(ProjectId, ProjectRole),
  workgroups: z.record(WorkgroupId, WorkgroupRole),
});
export type AccessSummary = z.infer<typeof AccessSummary>;

export const ApiKeyListQuery = z.strictObject({
  /** Admins may list every key of the organization. */
  scope: z.enum(['own', 'organization']).default('own'),
});

export const authEndpoints = {
  'auth.signup': {
    method: 'POST',
    path: '/auth/signup',
    summary: 'Create an account; pending invitations for its email are applied',
    auth: 'none',
    body: SignupRequest,
    status: 201,
    response: AuthSession,
  },
  'auth.login': {
    method: 'POST',
    path: '/auth/login',
    summary: 'Sign in with email and password; pending invitations are applied',
    auth: 'none',
    body: LoginRequest,
    response: AuthSession,
  },
  'auth.logout': {
    method: 'POST',
    path: '/auth/logout',
    summary: 'End the current session',
    status: 204,
    response: NoContent,
  },
  'auth.whoami': {
    method: 'GET',
    path: '/auth/whoami',
    summary: 'The user and organization the credential resolves to',
    response: Whoami,
  },
  'auth.access': {
    method: 'GET',
    path: '/auth/access',
    summary: "The caller's effective roles on the organization's projects and workgroups",
    response: AccessSummary,
  },
  'api-key.list': {
    method: 'GET',
    path: '/auth/api-keys',
    summary: 'List API keys (own, or the whole organization for admins)',
    query: ApiKeyListQuery,
    response: listOf(ApiKey),
  },
  'api-key.create': {
    method: 'POST',
    path: '/auth/api-keys',
    summary: 'Mint an API key; the secret is shown only in this answer',
    body: ApiKeyCreate,
    status: 201,
    response: ApiKeyMinted,
  },
  'api-key.revoke': {
    method: 'DELETE',
    path: '/auth/api-keys/:id',
    summary: 'Revoke an API key',
    params: IdParams,
    status: 204,
    response: NoContent,
  },
  'invitation.list': {
    method: 'GET',
    path: '/auth/invitations',
    summary: 'Pending invitations of the organization',
    response: listOf(Invitation),
  },
  'invitation.create': {
    method: 'POST',
    path: '/auth/invitations',
    summary: 'Invite an email address with a role on the organization, a workgroup or a project',
    body: InvitationCreate,
    status: 201,
    response: Invitation,
  },
  'invitation.revoke': {
    method: 'DELETE',
    path: '/auth/invitations/:id',
    summary: 'Revoke a pending invitation',
    params: IdParams,
    status: 204,
    response: NoContent,
  },
} as const satisfies Record<string, Endpoint>;
