import { z } from 'zod';
import { MessageId } from '../domain/ids';

/*
 * What a presence state may say, besides the identity the sync server stamps into it under `user`:
 * a few declared fields, each checked on its own. The server relays these and nothing else, so no
 * one can show others a name, an id or a payload of their own making.
 */

export const PresenceCursor = z.strictObject({
  messageId: MessageId.optional(),
  index: z.number().int().min(0).max(10_000_000),
  length: z.number().int().min(0).max(10_000_000).optional(),
});

export const presenceFields = {
  /** The document is open on the sender's screen. */
  viewing: z.boolean(),
  /** The sender is writing a message. */
  typing: z.boolean(),
  /** Where the sender's caret is. */
  cursor: PresenceCursor,
} as const;

/** A presence state as an app sends it: any of the declared fields, nothing else. */
export const PresenceFields = z.strictObject(presenceFields).partial();
export type PresenceFields = z.infer<typeof PresenceFields>;

/** The declared fields of `state` whose values are valid, each on its own; everything else is left out. */
export function declaredPresence(state: Readonly<Record<string, unknown>>): PresenceFields {
  const kept: Record<string, unknown> = {};
  for (const [field, schema] of Object.entries(presenceFields)) {
    if (!Object.hasOwn(state, field)) continue;
    const parsed = schema.safeParse(state[field]);
    if (parsed.success) kept[field] = parsed.data;
  }
  return kept as PresenceFields;
}
