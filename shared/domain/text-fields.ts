import { z } from 'zod';

// Names are shown in lists, menus and audit trails, where a newline or control character would
// break the layout or hide part of the name.
const controlCharacter = /\p{Cc}/u;

/** A human-facing name: one line, trimmed, 1 to 100 characters. */
export const DisplayName = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .refine((value) => !controlCharacter.test(value), {
    error: 'must be a single line without control characters',
  });
export type DisplayName = z.infer<typeof DisplayName>;

/** Free text describing something; may be empty. */
export const Description = z.string().trim().max(2000);
export type Description = z.infer<typeof Description>;

/** Instructions given to a model. Not trimmed: leading and trailing whitespace may be deliberate. */
export const PromptText = z.string().max(50_000);
export type PromptText = z.infer<typeof PromptText>;
