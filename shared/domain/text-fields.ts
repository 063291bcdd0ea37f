import { z } from 'zod';
import { invisibleTextProblem } from './visible-text';

// Names are shown in lists, menus and audit trails, where a newline or control character would
// break the layout or hide part of the name.
const controlCharacter = /\p{Cc}/u;

/**
 * Refuses what would make a line of text show something other than what it holds: control
 * characters, text-direction controls and invisible characters (`visible-text.ts`).
 */
export function refuseHiddenText(value: string, ctx: z.RefinementCtx): void {
  if (controlCharacter.test(value)) {
    ctx.addIssue({ code: 'custom', message: 'must be a single line without control characters' });
    return;
  }
  const problem = invisibleTextProblem(value);
  if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
}

/** A human-facing name: one line, trimmed, NFC, 1 to 100 characters, every character visible. */
export const DisplayName = z.string().normalize('NFC').trim().min(1).max(100).superRefine(refuseHiddenText);
export type DisplayName = z.infer<typeof DisplayName>;

/** Free text describing something; may be empty. */
export const Description = z.string().trim().max(2000);
export type Description = z.infer<typeof Description>;

/** Instructions given to a model. Not trimmed: leading and trailing whitespace may be deliberate. */
export const PromptText = z.string().max(50_000);
export type PromptText = z.infer<typeof PromptText>;
