import type { InvitationTarget } from '../../shared/domain/invitation';
import { invitationLinkPrefix } from '../../shared/domain/invitation';
import type { AccessSummary, AuthSession, SignupReceived, Whoami, authEndpoints } from '../../shared/rest/auth-endpoints';
import type { MembershipTarget } from '../../shared/policy/membership-change';
import { hasCapability } from '../../shared/policy/capabilities';
import { decideApiKeyMint } from '../../shared/policy/api-key-rules';
import { viewerProjectRole, viewerWorkgroupRole } from '../../shared/policy/visibility';
import { requireOrg } from '../access/org-access';
import { enforce } from '../access/enforce';
import { requireMembershipChange } from '../access/membership-access';
import { loadViewerContext } from '../access/viewer-context';
import { requireProject } from '../access/project-access';
import { requireWorkgroup } from '../access/workgroup-access';
import { throttledSignIn } from '../auth/credential-gate';
import { decoyPasswordHash, hashPassword, verifyPassword } from '../auth/password';
import { apiKeyDisplayPrefix, newApiKeySecret, newInvitationCode, sha256Hex } from '../auth/secrets';
import { acceptAtSignIn, acceptInvitation, invitationForCode } from '../directory/accept-invitation';
import { claimInvitation, getInvitationRow, insertInvitation, invitationTargetId, pendingInvitationFor, replaceInvitation, resolveInvitation } from '../directory/invitation-rows';
import { createOrganization } from '../directory/create-organization';
import { getOrgMember } from '../directory/org-member-rows';
import { storedScopes } from '../directory/key-scopes';
import { createSession } from '../directory/sessions';
import type { ApiKeyRow, InvitationRow, UserRow } from '../directory/rows';
import { findUserByEmail, getOrganizationRow, getUserRow, orgChoices, toApiKey, toInvitation, toOrganization, toUser } from '../directory/rows';
import { ApiError, badRequest, conflict, forbidden, notFound, unauthenticated } from '../http/api-error';
import type { Handlers } from '../http/register-endpoints';
import type { Services } from '../http/services';
import { newEntityId } from '../../shared/domain/new-entity-id';
import { recordAllowed } from '../audit/record-allowed';

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

function membershipTargetOf(target: InvitationTarget): MembershipTarget {
  switch (target.kind) {
    case 'organization':
      return { kind: 'organization' };
    case 'workgroup':
      return { kind: 'workgroup', id: target.workgroupId };
    case 'project':
      return { kind: 'project', id: target.projectId };
  }
}

export const authHandlers: Handlers<typeof authEndpoints> = {
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

  'api-key.list': ({ principal, query }, services) => {
    if (query.scope === 'organization') {
      requireOrg(principal, 'api-key.read-all');
      const rows = services.db.prepare('SELECT * FROM api_keys WHERE org_id = ? ORDER BY created_at, id').all(principal.orgId) as ApiKeyRow[];
      return { items: rows.map(toApiKey) };
    }
    requireOrg(principal, 'api-key.read-own');
    const rows = services.db
      .prepare('SELECT * FROM api_keys WHERE org_id = ? AND user_id = ? ORDER BY created_at, id')
      .all(principal.orgId, principal.userId) as ApiKeyRow[];
    return { items: rows.map(toApiKey) };
  },

  'api-key.create': ({ principal, body }, services) => {
    const userId = body.userId ?? principal.userId;
    // Those who may mint for nobody else learn nothing about whether the account exists.
    if (userId !== principal.userId) requireOrg(principal, 'api-key.create-for-service');
    const holder = getOrgMember(services.db, principal.orgId, userId);
    if (!holder) throw notFound('User');
    enforce(decideApiKeyMint(principal, principal.orgId, { userId, kind: holder.user.kind, orgRole: holder.role }));
    // A key never hands out more than the key that mints it may do.
    const { credential } = principal;
    const beyond = credential.kind === 'api-key' ? body.scopes.filter((scope) => !credential.scopes.includes(scope)) : [];
    if (beyond.length > 0) throw forbidden(`This API key cannot mint a key with the ${beyond.join(', ')} scope it does not have itself.`);
    if (body.expiresAt !== null && Date.parse(body.expiresAt) <= services.now().getTime()) {
      throw badRequest('expiresAt must be in the future', 'expiresAt');
    }
    const id = newEntityId('key');
    const secret = newApiKeySecret(id);
    const row: ApiKeyRow = {
      id,
      org_id: principal.orgId,
      user_id: userId,
      name: body.name,
      prefix: apiKeyDisplayPrefix(secret),
      secret_hash: sha256Hex(secret),
      scopes: storedScopes(body.scopes),
      created_at: services.now().toISOString(),
      last_used_at: null,
      expires_at: body.expiresAt,
      revoked_at: null,
    };
    services.write(() => {
      services.db
        .prepare(
          `INSERT INTO api_keys (id, org_id, user_id, name, prefix, secret_hash, scopes, created_at, last_used_at, expires_at, revoked_at)
           VALUES (@id, @org_id, @user_id, @name, @prefix, @secret_hash, @scopes, @created_at, @last_used_at, @expires_at, @revoked_at)`,
        )
        .run(row);
      recordAllowed(services, principal, { action: 'api-key.create', resourceKind: 'api-key', resourceId: id, detail: { userId } });
      services.changes.touch(principal.orgId, 'api-key', id);
    });
    return { ...toApiKey(row), secret };
  },

  'api-key.revoke': ({ principal, params }, services) => {
    const row = services.db.prepare('SELECT * FROM api_keys WHERE id = ? AND org_id = ?').get(params.id, principal.orgId) as ApiKeyRow | undefined;
    if (!row) throw notFound('API key');
    if (row.user_id === principal.userId) {
      requireOrg(principal, 'api-key.revoke-own');
    } else if (!hasCapability(principal.orgRole, 'api-key.revoke-any')) {
      // Someone else's key is invisible to those who may not manage it.
      throw notFound('API key');
    }
    services.write(() => {
      services.db.prepare('UPDATE api_keys SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?').run(services.now().toISOString(), row.id);
      recordAllowed(services, principal, { action: 'api-key.revoke', resourceKind: 'api-key', resourceId: row.id, detail: { userId: row.user_id } });
      services.changes.touch(principal.orgId, 'api-key', row.id);
    });
    return undefined;
  },

  'invitation.list': ({ principal }, services) => {
    const rows = services.db
      .prepare("SELECT * FROM invitations WHERE org_id = ? AND status = 'pending' ORDER BY created_at, id")
      .all(principal.orgId) as InvitationRow[];
    // Admins see every invitation; project and workgroup owners see those they sent.
    const all = hasCapability(principal.orgRole, 'invitation.read');
    return { items: rows.filter((r) => all || r.invited_by === principal.userId).map(toInvitation) };
  },

  'invitation.create': ({ principal, body }, services) => {
    const target = body.target;
    // A workgroup or project the caller cannot see is not found, as anywhere else.
    if (target.kind === 'project') requireProject(services, principal, target.projectId, 'project.read');
    if (target.kind === 'workgroup') requireWorkgroup(services, principal, target.workgroupId, 'workgroup.read');
    const code = newInvitationCode();
    const targetId = invitationTargetId(principal.orgId, target);
    const row: InvitationRow = {
      id: newEntityId('inv'),
      org_id: principal.orgId,
      email: body.email,
      target_kind: target.kind,
      target_id: targetId,
      role: target.role,
      status: 'pending',
      invited_by: principal.userId,
      created_at: services.now().toISOString(),
      resolved_at: null,
      secret_hash: sha256Hex(code),
      claimed_by: null,
    };
    let replacedEarlier = false;
    services.write(() => {
      // What concerns the sender is decided now; the rest when it is accepted, as things are then.
      const invitee = findUserByEmail(services.db, body.email);
      requireMembershipChange(services, principal.orgId, membershipTargetOf(target), principal, invitee?.id ?? '', { kind: 'invite', role: target.role });
      // Two pending invitations of one person to one place would leave them two links and two
      // roles to choose from: the newer one merges into the waiting one, which keeps its id.
      const earlier = pendingInvitationFor(services.db, principal.orgId, row.email, row.target_kind, targetId);
      if (earlier === undefined) {
        insertInvitation(services.db, row);
      } else {
        row.id = earlier.id;
        replaceInvitation(services.db, row);
        replacedEarlier = true;
      }
      services.audit.record({
        orgId: principal.orgId,
        actorId: principal.userId,
        action: 'invitation.create',
        resourceKind: 'invitation',
        resourceId: row.id,
        projectId: target.kind === 'project' ? target.projectId : null,
        outcome: 'allowed',
        detail: { target: target.kind, role: target.role, ...(replacedEarlier ? { replacedEarlier } : {}) },
      });
      services.changes.touch(principal.orgId, 'invitation', row.id);
    });
    // Shown this once: there is no email delivery, so the sender hands the code or link over.
    return { ...toInvitation(row), code, link: `${invitationLinkPrefix}${code}`, replacedEarlier };
  },

  'invitation.accept': ({ principal, body }, services) => {
    const user = getUserRow(services.db, principal.userId);
    const row = invitationForCode(services, body.code);
    if (!user || !row) throw notFound('Invitation');
    if (row.email !== user.email) throw forbidden('This invitation was sent to another email address; sign in with that address to accept it.');
    const acceptance = services.write(() => {
      claimInvitation(services.db, row.id, user.id);
      return acceptInvitation(services, user, row, true);
    });
    if (!acceptance.ok) throw new ApiError(acceptance.code, acceptance.reason);
    const organization = orgChoices(services.db, user.id).find((choice) => choice.id === row.org_id);
    const accepted = getInvitationRow(services.db, row.org_id, row.id);
    if (!organization || !accepted) throw notFound('Invitation');
    return { invitation: toInvitation(accepted), organization };
  },

  'invitation.revoke': ({ principal, params }, services) => {
    const row = getInvitationRow(services.db, principal.orgId, params.id);
    if (!row) throw notFound('Invitation');
    if (row.invited_by !== principal.userId && !hasCapability(principal.orgRole, 'invitation.revoke')) {
      throw notFound('Invitation');
    }
    if (row.status !== 'pending') throw conflict(`This invitation is already ${row.status}.`);
    services.write(() => {
      resolveInvitation(services.db, row.id, 'revoked', services.now().toISOString());
      recordAllowed(services, principal, { action: 'invitation.revoke', resourceKind: 'invitation', resourceId: row.id });
      services.changes.touch(principal.orgId, 'invitation', row.id);
    });
    return undefined;
  },
};
