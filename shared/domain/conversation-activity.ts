import { z } from 'zod';
import { Timestamp } from './timestamp';

/** Characters of a conversation's latest message its list entry shows. */
export const previewLength = 140;

/** When a conversation last changed, and the start of its latest message on one line. */
export const ConversationActivity = z.strictObject({ at: Timestamp, preview: z.string().max(previewLength) });
export type ConversationActivity = z.infer<typeof ConversationActivity>;

/**
 * What a list shows of a message: its text on one line (Markdown marks dropped), cut to
 * `previewLength` characters.
 */
export function previewOf(message: { readonly content: string; readonly deletedAt?: string | null | undefined }): string {
  if (message.deletedAt != null) return 'This message was deleted.';
  const line = message.content
    .replace(/```[^\n]*\n?/g, ' ')
    .replace(/[*_`#>~|]+/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
  return line.length > previewLength ? `${line.slice(0, previewLength - 1).trimEnd()}…` : line;
}
