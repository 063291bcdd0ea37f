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
