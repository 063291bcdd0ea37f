import { z } from 'zod';
import { ApiKey, ApiKeyCreate, ApiKeyMinted } from '../domain/api-key';
import { ApiKeyId, OrgId, ProjectId, WorkgroupId } from '../domain/ids';
import { KeyScopes } from '../domain/key-scope';
import { Invitation, InvitationAccept, InvitationCode, InvitationCreate, InvitationCreated } from '../domain/invitation';
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
  /** The secret of an invitation sent to this email: accepted as the account is created. */
  invitationCode: InvitationCode.optional(),
});
export type SignupRequest = z.infer<typeof SignupRequest>;

/**
 * The answer to every well-formed sign-up, whether or not the email already had an account, so
 * that signing up tells nobody which emails do. The client signs in next: with a new account's
 * password that works; with someone else's email it fails like any wrong password.
 */
export const SignupReceived = z.strictObject({
  next: z.literal('sign-in'),
  message: z.string(),
});
export type SignupReceived = z.infer<typeof SignupReceived>;

export const LoginRequest = z.strictObject({
  email: Email,
  // Any string: a login must answer "wrong email or password", never explain the password rules.
  password: z.string().max(1024),
  /** Which of the user's organizations the session acts in; the oldest membership otherwise. */
  orgId: OrgId.optional(),
  /** The secret of an invitation sent to this account's email, accepted before the session starts. */
  invitationCode: InvitationCode.optional(),
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
    /** `signedInAt`: when the password was last entered, which destructive changes need recent. */
    z.strictObject({ kind: z.literal('session'), expiresAt: Timestamp, signedInAt: Timestamp }),
    z.strictObject({ kind: z.literal('api-key'), keyId: ApiKeyId, scopes: KeyScopes }),
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

/** An accepted invitation, and the organization it belongs to as the user now holds it. */
export const InvitationAccepted = z.strictObject({
  invitation: Invitation,
  organization: OrgChoice,
});
export type InvitationAccepted = z.infer<typeof InvitationAccepted>;

export const ApiKeyListQuery = z.strictObject({
  /** Admins may list every key of the organization. */
  scope: z.enum(['own', 'organization']).default('own'),
});

export const authEndpoints = {
  'auth.signup': {
    method: 'POST',
    path: '/auth/signup',
    summary: 'Create an account unless the email has one, accepting the invitation whose code is given; the same answer either way',
    auth: 'none',
    body: SignupRequest,
    status: 202,
    response: SignupReceived,
  },
  'auth.login': {
    method: 'POST',
    path: '/auth/login',
    summary: 'Sign in with email and password, accepting the invitation whose code is given and those this account claimed',
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
    access: [{ on: 'org', action: 'api-key.create-own' }],
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
    access: [
      { on: 'org', action: 'invitation.create', when: { path: 'body.target.kind', equals: 'organization' } },
      { on: 'project', action: 'project.member.manage', id: 'body.target.projectId', when: { path: 'body.target.kind', equals: 'project' } },
      { on: 'workgroup', action: 'workgroup.member.manage', id: 'body.target.workgroupId', when: { path: 'body.target.kind', equals: 'workgroup' } },
    ],
    summary: 'Invite an email address with a role on the organization, a workgroup or a project; the secret is shown only in this answer',
    body: InvitationCreate,
    status: 201,
    response: InvitationCreated,
  },
  'invitation.accept': {
    method: 'POST',
    path: '/auth/invitations/accept',
    summary: "Accept an invitation sent to the caller's email by its code, with its sender's rights as they are now",
    body: InvitationAccept,
    response: InvitationAccepted,
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
