import type { EndpointKey } from '../../shared/rest/api-contract';
import { decideKeyScope, isRecentSignIn, recentSignInEndpoints } from '../../shared/policy/endpoint-scopes';
import { ApiError } from '../http/api-error';
import type { Principal } from '../http/principal';
import { enforce } from './enforce';

/**
 * Whether the credential itself may make this call, before anything about the resource is looked
 * at: an API key needs the endpoint's scope, a session a recent password for the destructive
 * changes that always need one. Registration calls it for every endpoint.
 */
export function requireCredentialFor(endpoint: EndpointKey, principal: Principal, now: Date): void {
  if (principal.credential.kind === 'api-key') enforce(decideKeyScope(endpoint, principal.credential.scopes));
  else if (recentSignInEndpoints[endpoint] === 'always') requireRecentSignIn(principal, now);
}

/** A session whose password was entered more than 10 minutes ago is asked for it again. */
export function requireRecentSignIn(principal: Principal, now: Date): void {
  const { credential } = principal;
  if (credential.kind === 'session' && !isRecentSignIn(credential.signedInAt, now)) {
    throw new ApiError(
      'reauthentication_required',
      'This change needs your password again: enter it (POST /auth/reauthenticate) and repeat the request within 10 minutes.',
    );
  }
}
