import type { accountEndpoints } from '../../shared/rest/account-endpoints';
import { throttledSignIn } from '../auth/credential-gate';
import { verifyPassword } from '../auth/password';
import { createOrganization } from '../directory/create-organization';
import { organizationMemberships } from '../directory/organization-memberships';
import { getUserRow, toOrganization, getOrganizationRow } from '../directory/rows';
import { endSession, markSignedIn } from '../directory/sessions';
import { badRequest, notFound, unauthenticated } from '../http/api-error';
import type { Principal } from '../http/principal';
import type { Handlers } from '../http/register-endpoints';
import { recordAllowed } from '../audit/record-allowed';
import { sessionAnswer } from './session-routes';

function sessionOf(principal: Principal, what: string): { tokenHash: string; signedInAt: string } {
  if (principal.credential.kind !== 'session') throw badRequest(`An API key has no session to ${what}; sign in with a password.`);
  return principal.credential;
}

export const accountHandlers: Handlers<typeof accountEndpoints> = {
  'auth.reauthenticate': async ({ principal, body, address }, services) => {
    const session = sessionOf(principal, 'confirm');
    const user = getUserRow(services.db, principal.userId);
    if (!user) throw unauthenticated();
    const confirmed = await throttledSignIn(services, user.email, address, async () =>
      user.password_hash !== null && (await verifyPassword(body.password, user.password_hash)) ? true : undefined,
    );
    if (!confirmed) throw unauthenticated('Wrong password.');
    return services.write(() => {
      const signedInAt = markSignedIn(services, session.tokenHash);
      recordAllowed(services, principal, { action: 'auth.reauthenticate', resourceKind: 'user', resourceId: principal.userId });
      return { signedInAt };
    });
  },

  'auth.organizations': ({ principal }, services) => ({ items: organizationMemberships(services.db, principal.userId) }),

  'auth.switch-organization': ({ principal, body }, services) => {
    const session = sessionOf(principal, 'switch');
    const user = getUserRow(services.db, principal.userId);
    if (!user) throw unauthenticated();
    // Another organization's existence is not told to someone who is not in it.
    if (!organizationMemberships(services.db, user.id).some((m) => m.organization.id === body.orgId)) throw notFound('Organization');
    return services.write(() => {
      // The new session keeps the old one's sign-in time: switching is not entering a password.
      const answer = sessionAnswer(services, user, body.orgId, session.signedInAt);
      endSession(services, session.tokenHash);
      services.audit.record({
        orgId: body.orgId,
        actorId: user.id,
        action: 'auth.switch-organization',
        resourceKind: 'organization',
        resourceId: body.orgId,
        projectId: null,
        outcome: 'allowed',
        detail: { from: principal.orgId },
      });
      services.changes.accessChanged(principal.orgId, principal.userId);
      return answer;
    });
  },

  'org.create': ({ principal, body }, services) =>
    services.write(() => {
      const org = createOrganization(services, { name: body.name, ownerId: principal.userId, plan: services.config.defaultPlan });
      services.audit.record({
        orgId: org.id,
        actorId: principal.userId,
        action: 'org.create',
        resourceKind: 'organization',
        resourceId: org.id,
        projectId: null,
        outcome: 'allowed',
        detail: { name: body.name, from: principal.orgId },
      });
      const row = getOrganizationRow(services.db, org.id);
      if (!row) throw notFound('Organization');
      return toOrganization(row);
    }),
};
