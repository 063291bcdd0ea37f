import type { AccessSummary, AuthSession, SignupReceived, Whoami, authEndpoints } from '../../shared/rest/auth-endpoints';
import { newEntityId } from '../../shared/domain/new-entity-id';
import { viewerProjectRole, viewerWorkgroupRole } from '../../shared/policy/visibility';
import { loadViewerContext } from '../access/viewer-context';
import { recordAllowed } from '../audit/record-allowed';
import { throttledSignIn } from '../auth/credential-gate';
import { decoyPasswordHash, hashPassword, verifyPassword } from '../auth/password';
import { acceptAtSignIn } from '../directory/accept-invitation';
import { createOrganization } from '../directory/create-organization';
import { createSession } from '../directory/sessions';
import type { UserRow } from '../directory/rows';
import { findUserByEmail, getOrganizationRow, getUserRow, orgChoices, toOrganization, toUser } from '../directory/rows';
import { badRequest, notFound, unauthenticated } from '../http/api-error';
import type { Handlers } from '../http/register-endpoints';
import type { Services } from '../http/services';

type SessionKeys = 'auth.signup' | 'auth.login' | 'auth.logout' | 'auth.whoami' | 'auth.access';

/** A new session of `user` in `orgId`, whose password was last entered at `signedInAt`. */
export function sessionAnswer(services: Services, user: UserRow, orgId: string, signedInAt: string): AuthSession {
  const org = getOrganizationRow(services.db, orgId);
  const choices = orgChoices(services.db, user.id);
  const role = choices.find((c) => c.id === orgId)?.role;
  if (!org || !role) throw notFound('Organization');
  const session = createSession(services, user.id, orgId, signedInAt);
  return { ...session, user: toUser(user), organization: toOrganization(org), orgRole: role, organizations: choices };
}

/** The answer to every well-formed sign-up, whatever happened: it must not tell whether the email had an account. */
const signupReceived: SignupReceived = {
  next: 'sign-in',
  message: 'If this email address had no account, it has one now with this password. Sign in to continue.',
};

/** Signing up, in and out, and what the session's holder is and may reach. */
export const sessionHandlers: Handlers<Pick<typeof authEndpoints, SessionKeys>> = {
  'auth.signup': async ({ body }, services) => {
    // Hashed whether or not the email is free, so the answer takes as long either way.
    const passwordHash = await hashPassword(body.password);
    services.write(() => {
      // An existing account is left exactly as it is, and the answer is the same.
      if (findUserByEmail(services.db, body.email)) return;
      const user: UserRow = {
        id: newEntityId('usr'),
        email: body.email,
        display_name: body.displayName,
        kind: 'person',
        password_hash: passwordHash,
        created_at: services.now().toISOString(),
      };
      services.db
        .prepare('INSERT INTO users (id, email, display_name, kind, password_hash, created_at) VALUES (@id, @email, @display_name, @kind, @password_hash, @created_at)')
        .run(user);
      acceptAtSignIn(services, user, body.invitationCode);
      let orgId = orgChoices(services.db, user.id)[0]?.id;
      if (body.organizationName !== undefined || orgId === undefined) {
        const name = body.organizationName ?? `${body.displayName}’s organization`;
        orgId = createOrganization(services, { name, ownerId: user.id, plan: services.config.defaultPlan }).id;
      }
      services.audit.record({ orgId, actorId: user.id, action: 'auth.signup', resourceKind: 'user', resourceId: user.id, projectId: null, outcome: 'allowed' });
      services.changes.touch(orgId, 'user', user.id);
    });
    return signupReceived;
  },

  'auth.login': async ({ body, address }, services) => {
    const user = await throttledSignIn(services, body.email, address, async () => {
      const found = findUserByEmail(services.db, body.email);
      const valid = await verifyPassword(body.password, found?.password_hash ?? (await decoyPasswordHash));
      return found && found.password_hash !== null && valid ? found : undefined;
    });
    if (!user) throw unauthenticated('Wrong email or password.');
    return services.write(() => {
      acceptAtSignIn(services, user, body.invitationCode);
      const choices = orgChoices(services.db, user.id);
      let orgId = body.orgId ?? choices[0]?.id;
      if (body.orgId !== undefined && !choices.some((c) => c.id === body.orgId)) throw notFound('Organization');
      // Someone removed from every organization still gets a place to work.
      orgId ??= createOrganization(services, { name: `${user.display_name}’s organization`, ownerId: user.id, plan: services.config.defaultPlan }).id;
      services.audit.record({ orgId, actorId: user.id, action: 'auth.login', resourceKind: 'user', resourceId: user.id, projectId: null, outcome: 'allowed' });
      return sessionAnswer(services, user, orgId, services.now().toISOString());
    });
  },

  'auth.logout': ({ principal }, services) => {
    if (principal.credential.kind !== 'session') {
      throw badRequest('An API key has no session to end; revoke it with DELETE /auth/api-keys/{id}.');
    }
    const { tokenHash } = principal.credential;
    services.write(() => {
      services.db.prepare('UPDATE sessions SET revoked_at = ? WHERE token_hash = ?').run(services.now().toISOString(), tokenHash);
      recordAllowed(services, principal, { action: 'auth.logout', resourceKind: 'user', resourceId: principal.userId });
      // Live sync sockets opened with this session re-check their credential and close.
      services.changes.accessChanged(principal.orgId, principal.userId);
    });
    return undefined;
  },

  'auth.whoami': ({ principal }, services): Whoami => {
    const user = getUserRow(services.db, principal.userId);
    const org = getOrganizationRow(services.db, principal.orgId);
    if (!user || !org) throw unauthenticated();
    const credential =
      principal.credential.kind === 'session'
        ? {
            kind: 'session' as const,
            expiresAt: (
              services.db.prepare('SELECT expires_at FROM sessions WHERE token_hash = ?').get(principal.credential.tokenHash) as { expires_at: string }
            ).expires_at,
            signedInAt: principal.credential.signedInAt,
          }
        : principal.credential.kind === 'api-key'
          ? { kind: 'api-key' as const, keyId: principal.credential.keyId, scopes: [...principal.credential.scopes] }
          : null;
    if (credential === null) throw unauthenticated();
    return { user: toUser(user), organization: toOrganization(org), orgRole: principal.orgRole, credential, organizations: orgChoices(services.db, user.id) };
  },

  'auth.access': ({ principal }, services): AccessSummary => {
    const viewer = loadViewerContext(services.db, principal);
    const ids = (table: 'projects' | 'workgroups') =>
      (services.db.prepare(`SELECT id FROM ${table} WHERE org_id = ? ORDER BY id`).all(principal.orgId) as { id: string }[]).map((r) => r.id);
    // Judged by the same functions every route uses, so what a client decides offline matches the server.
    const projects: AccessSummary['projects'] = {};
    for (const id of ids('projects')) {
      const role = viewerProjectRole(viewer, id);
      if (role !== undefined) projects[id] = role;
    }
    const workgroups: AccessSummary['workgroups'] = {};
    for (const id of ids('workgroups')) {
      const role = viewerWorkgroupRole(viewer, id);
      if (role !== undefined) workgroups[id] = role;
    }
    return { orgRole: principal.orgRole, projects, workgroups };
  },

};
