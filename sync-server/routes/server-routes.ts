import type { serverEndpoints } from '../../shared/rest/server-endpoints';
import type { Handlers } from '../http/register-endpoints';

export const serverHandlers: Handlers<typeof serverEndpoints> = {
  'server.status': (_input, services) => ({ hasAccounts: services.db.prepare("SELECT 1 FROM users WHERE kind = 'person' LIMIT 1").get() !== undefined }),
};
