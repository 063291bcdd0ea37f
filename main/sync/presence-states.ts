import type { Awareness } from 'y-protocols/awareness';
import { PresenceState } from '../../shared/app-api/app-api-contract';
import { declaredPresence } from '../../shared/sync/presence-schema';

/**
 * Who else is in a document, as the renderer sees them. The server stamps every relayed state
 * with its sender's real identity under `user` and keeps only the declared fields; a state without
 * an identity (or with a malformed one) is not shown, and this app's own state is left out.
 */
export function presenceStates(awareness: Awareness): PresenceState[] {
  const states: PresenceState[] = [];
  for (const [clientId, raw] of awareness.getStates()) {
    if (clientId === awareness.clientID) continue;
    const { user, ...state } = raw as Record<string, unknown>;
    const parsed = PresenceState.safeParse({ clientId, user, state: declaredPresence(state) });
    if (parsed.success) states.push(parsed.data);
  }
  return states.sort((a, b) => a.clientId - b.clientId);
}
