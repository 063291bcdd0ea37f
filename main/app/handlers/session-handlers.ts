import type { SessionService } from '../../session/session-service';
import { AppFailure } from '../../app-api/app-failure';
import type { HandlerGroup } from './handler-group';

/** What switching organization must know of the rest of the app. */
export interface OrganizationSwitchGuards {
  /** Changes made offline and not yet sent. */
  readonly pendingChanges: () => number;
  /** Stops the answers this device is writing: they belong to the organization being left. */
  readonly cancelRuns: () => void;
}

/**
 * Signing in, up and out, switching organization and confirming the password. Each answers once the
 * account's local data is opened or closed, so the renderer never asks a closed replica for anything.
 */
export function sessionHandlers(session: SessionService, settled: () => Promise<void>, guards: OrganizationSwitchGuards): HandlerGroup<'session'> {
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
    'session.switchOrganization': async ({ orgId }) => {
      // Changes made offline belong to the organization they were made in, and are sent with its session.
      const pending = guards.pendingChanges();
      if (pending > 0) {
        throw new AppFailure('conflict', `${pending === 1 ? 'One change' : `${pending} changes`} made offline still wait to be sent here; switch once they are sent or discarded.`);
      }
      guards.cancelRuns();
      const state = await session.switchOrganization(orgId);
      await settled();
      return state;
    },
    'session.reauthenticate': async ({ password }) => {
      await session.reauthenticate(password);
      return {};
    },
  };
}
