import * as Y from 'yjs';
import type { LiveDocument } from './live-document';
import type { SyncConnection } from './sync-connection';

/** One sender's updates of a batch, merged into one update where Yjs can: what is stored, and what the others receive. */
export interface SenderUpdates {
  readonly sender: SyncConnection | undefined;
  readonly userId: string | null;
  readonly update: Uint8Array;
}

/**
 * The updates as one when Yjs can merge them, else as they came. Yjs merges with another reader
 * than the one that applies, and the two need not agree on every update; each of these was applied
 * whole, so each can be stored and sent on its own.
 */
export function mergeAll(updates: readonly Uint8Array[]): Uint8Array[] {
  if (updates.length === 1) return [...updates];
  try {
    return [Y.mergeUpdates([...updates])];
  } catch {
    return [...updates];
  }
}

/**
 * Groups a batch by the connection that sent each update, in order of first appearance, and
 * merges each group. An agent streaming an answer sends one update per token; merged, they are
 * one row to store and one struct to send, with the same effect on any copy of the document.
 */
export function mergeBySender(pending: LiveDocument['pending']): SenderUpdates[] {
  const groups = new Map<SyncConnection | string | null, { sender: SyncConnection | undefined; userId: string | null; updates: Uint8Array[] }>();
  for (const { update, sender, userId } of pending) {
    const key = sender ?? userId;
    const group = groups.get(key);
    if (group) group.updates.push(update);
    else groups.set(key, { sender, userId, updates: [update] });
  }
  return [...groups.values()].flatMap(({ sender, userId, updates }) => mergeAll(updates).map((update) => ({ sender, userId, update })));
}
