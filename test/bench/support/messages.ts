import { randomBytes } from 'node:crypto';
import type * as Y from 'yjs';
import type { MessageStatus } from '../../../shared/domain/message';
import { newMessageMap } from '../../../shared/sync/conversation-document';

const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz';

/** A fresh message id (`msg_` and 20 lowercase letters or digits), as the schema requires. */
export function newMessageId(): string {
  return `msg_${[...randomBytes(20)].map((b) => alphabet[b % alphabet.length]).join('')}`;
}

/** A message as a member writes it into a conversation document: every required field, valid per the schema. */
export function userMessage(userId: string, text: string, status: MessageStatus = 'complete', createdAt = new Date().toISOString()): Y.Map<unknown> {
  return newMessageMap({ id: newMessageId(), author: { kind: 'user', userId }, createdAt, text, status });
}
