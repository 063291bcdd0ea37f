import type { SessionService } from '../../session/session-service';
import type { HandlerGroup } from './handler-group';

/**
 * Signing in, up and out. Each answers once the account's local data is opened or closed, so the
 * renderer never asks a closed replica for anything.
 */
export function sessionHandlers(session: SessionService, settled: () => Promise<void>): HandlerGroup<'session'> {
  return {
    'session.get': () => session.get(),
    'session.signIn': async (input) => {
      const state = await session.signIn(input);
      await settled();
      return state;
    },
    'session.signUp': async (input) => {
      const state = await session.signUp(input);
      await settled();
      return state;
    },
    'session.signOut': async () => {
      const state = await session.signOut();
      await settled();
      return state;
    },
  };
}
