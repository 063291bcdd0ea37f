/**
 * The outcome of a policy decision. A refusal carries a sentence for the person and a code the
 * server maps to its status: `not_found` where the resource must stay indistinguishable from a
 * missing one (another organization, a project the caller is not in, an entry they cannot see),
 * `forbidden` where they can see it but not do this, `conflict` where an invariant refuses it.
 * The codes are spelled as the REST error codes.
 */
export type DenialCode = 'forbidden' | 'not_found' | 'conflict';

export type Decision =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly code: DenialCode; readonly reason: string };

export const allow: Decision = { allowed: true };

export function deny(code: DenialCode, reason: string): Decision {
  return { allowed: false, code, reason };
}
