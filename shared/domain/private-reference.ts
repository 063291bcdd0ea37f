import { z } from 'zod';

export const privateEntryLabel = 'a private entry';

/**
 * Stands where an answer would name something its reader may not see (a model, an agent, a
 * conversation, or a version of one): it says that something is there, never which.
 */
export const PrivateReference = z.strictObject({
  kind: z.literal('private'),
  label: z.literal(privateEntryLabel),
});
export type PrivateReference = z.infer<typeof PrivateReference>;

export const privateReference: PrivateReference = { kind: 'private', label: privateEntryLabel };

export function isPrivateReference(value: unknown): value is PrivateReference {
  return PrivateReference.safeParse(value).success;
}

/**
 * A reference about to be stored. Only what the server itself reads is stored; a private reference
 * is what an answer shows, and storing one would erase the link it stands for.
 */
export function storedReference<T extends object>(reference: T | PrivateReference | null): T | null {
  if (reference === null) return null;
  if (isPrivateReference(reference)) throw new Error('a private reference is an answer, never stored');
  return reference;
}
