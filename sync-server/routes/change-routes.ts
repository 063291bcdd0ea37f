import type { changeEndpoints } from '../../shared/rest/change-endpoints';
import { readChangeFeed } from '../changes/change-feed';
import type { Handlers } from '../http/register-endpoints';

export const changeHandlers: Handlers<typeof changeEndpoints> = {
  // A read that records which entities the caller's replica now holds, so it runs as a write.
  'change.list': ({ principal, query }, services) =>
    services.write(() => readChangeFeed(services, principal, query.since ?? 0, query.limit, query.replica)),
};
