import { z } from 'zod';
import { ConversationId, ProjectId, UserId } from './ids';
import { refuseHiddenText } from './text-fields';
import { Timestamp } from './timestamp';

/** Shared: every project member sees it live. Personal: only its creator sees it. */
export const conversationKinds = ['shared', 'personal'] as const;
export const ConversationKind = z.enum(conversationKinds);
export type ConversationKind = z.infer<typeof ConversationKind>;

// Titles may be empty: a conversation is often started before anyone names it.
export const ConversationTitle = z.string().normalize('NFC').trim().max(200).superRefine(refuseHiddenText);

export const Conversation = z.strictObject({
  id: ConversationId,
  projectId: ProjectId,
  title: ConversationTitle,
  kind: ConversationKind,
  createdBy: UserId,
  createdAt: Timestamp,
});
export type Conversation = z.infer<typeof Conversation>;

/** POST /projects/{id}/conversations. */
export const ConversationCreate = z.strictObject({
  title: ConversationTitle.default(''),
  kind: ConversationKind.default('shared'),
});
export type ConversationCreate = z.infer<typeof ConversationCreate>;

/** Words a title made from a first message keeps at most. */
const autoTitleWords = 8;
const autoTitleLength = 60;

/**
 * A title for a new conversation from its first message, when no model names it: its first words,
 * as one line of visible text (Markdown marks dropped), or null when nothing usable is left.
 */
export function titleFromFirstWords(text: string): string | null {
  const words = text
    .replace(/[`*_#>~|[\]()]/g, ' ')
    .split(/\s+/u)
    .filter((word) => /[\p{L}\p{N}]/u.test(word))
    .slice(0, autoTitleWords);
  let title = words.join(' ');
  if (title.length > autoTitleLength) title = `${title.slice(0, autoTitleLength - 1).trimEnd()}…`;
  const parsed = ConversationTitle.safeParse(title);
  return parsed.success && parsed.data !== '' ? parsed.data : null;
}
