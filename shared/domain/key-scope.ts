import { z } from 'zod';

/**
 * What an API key may be used for, each scope independent of the others: `read` reads anything its
 * holder may read; `write` changes content (conversations, knowledge, registry entries, project
 * settings); `admin` changes structure and membership (workgroups, projects, members, invitations,
 * keys, the plan). A key does only what both its scopes and its holder's roles allow.
 */
export const keyScopes = ['read', 'write', 'admin'] as const;
export const KeyScope = z.enum(keyScopes);
export type KeyScope = z.infer<typeof KeyScope>;

/** A key's scopes: at least one, each once. */
export const KeyScopes = z
  .array(KeyScope)
  .min(1, 'must name at least one scope: read, write or admin')
  .max(keyScopes.length)
  .refine((scopes) => new Set(scopes).size === scopes.length, 'must name each scope once');
export type KeyScopes = z.infer<typeof KeyScopes>;

/** Scopes in their canonical order, as stored and listed. */
export function orderedScopes(scopes: readonly KeyScope[]): KeyScope[] {
  return keyScopes.filter((scope) => scopes.includes(scope));
}
