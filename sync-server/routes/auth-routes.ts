import type { authEndpoints } from '../../shared/rest/auth-endpoints';
import type { Handlers } from '../http/register-endpoints';
import { apiKeyHandlers } from './api-key-routes';
import { invitationHandlers } from './invitation-routes';
import { sessionHandlers } from './session-routes';

/** The `auth` group of the contract: sessions, API keys and invitations, each in its own file. */
export const authHandlers: Handlers<typeof authEndpoints> = {
  ...sessionHandlers,
  ...apiKeyHandlers,
  ...invitationHandlers,
};
