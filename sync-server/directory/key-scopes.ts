import type { KeyScope } from '../../shared/domain/key-scope';
import { KeyScope as KeyScopeSchema, orderedScopes } from '../../shared/domain/key-scope';

/** Scopes as the `api_keys.scopes` column holds them: space-separated, in canonical order. */
export function storedScopes(scopes: readonly KeyScope[]): string {
  return orderedScopes(scopes).join(' ');
}

/** The stored column back as scopes; anything unknown in it grants nothing. */
export function parseStoredScopes(stored: string): KeyScope[] {
  return orderedScopes(stored.split(' ').flatMap((word) => {
    const scope = KeyScopeSchema.safeParse(word);
    return scope.success ? [scope.data] : [];
  }));
}
