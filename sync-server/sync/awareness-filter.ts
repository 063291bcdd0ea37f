import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { declaredPresence } from '../../shared/sync/presence-schema';

/** The identity the server stamps into every presence state, replacing whatever the client claimed. */
export interface PresenceIdentity {
  readonly id: string;
  readonly name: string;
}

export type AwarenessFilterResult =
  | {
      readonly ok: true;
      readonly update: Uint8Array;
      /** The client ids kept: those with a state, and those whose state the update removes. */
      readonly present: readonly number[];
      readonly removed: readonly number[];
    }
  | { readonly ok: false; readonly reason: string };

const maxStateBytes = 16 * 1024;

/**
 * Checks a y-protocols awareness update from one connection: only states of client ids `owns`
 * allows are kept, and each keeps only the declared presence fields (`presence-schema.ts`) and the
 * sender's real identity under `user`, so nobody can appear as someone else or show others
 * anything of their own making.
 */
export function filterAwarenessUpdate(update: Uint8Array, identity: PresenceIdentity, owns: (client: number) => boolean): AwarenessFilterResult {
  let entries: { client: number; clock: number; state: unknown }[];
  try {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    if (count > 64) return { ok: false, reason: 'too many presence states in one update' };
    entries = [];
    for (let i = 0; i < count; i++) {
      const client = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const json = decoding.readVarString(decoder);
      if (json.length > maxStateBytes) return { ok: false, reason: 'a presence state is too large' };
      entries.push({ client, clock, state: JSON.parse(json) as unknown });
    }
  } catch {
    return { ok: false, reason: 'the presence update cannot be decoded' };
  }
  // A y-websocket provider sends every presence change it sees back to the server, other people's
  // included: states of client ids that are someone else's are dropped, never applied or relayed.
  const own = entries.filter((entry) => owns(entry.client));
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, own.length);
  const present: number[] = [];
  const removed: number[] = [];
  for (const entry of own) {
    const state =
      entry.state !== null && typeof entry.state === 'object' && !Array.isArray(entry.state)
        ? { ...declaredPresence(entry.state as Record<string, unknown>), user: identity }
        : null;
    (state === null ? removed : present).push(entry.client);
    encoding.writeVarUint(encoder, entry.client);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, JSON.stringify(state));
  }
  return { ok: true, update: encoding.toUint8Array(encoder), present, removed };
}
