import { randomBytes } from 'node:crypto';
import * as Y from 'yjs';
import type { MessageStatus } from '../../../shared/domain/message';

const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz';

/** A fresh message id (`msg_` and 20 lowercase letters or digits), as the schema requires. */
export function newMessageId(): string {
  return `msg_${[...randomBytes(20)].map((b) => alphabet[b % alphabet.length]).join('')}`;
}

/** A message as a member writes it into a conversation document: every required field, valid per the schema. */
export function userMessage(userId: string, text: string, status: MessageStatus = 'complete', createdAt = new Date().toISOString()): Y.Map<unknown> {
  const message = new Y.Map<unknown>();
  message.set('id', newMessageId());
  message.set('author', { kind: 'user', userId });
  message.set('createdAt', createdAt);
  message.set('content', new Y.Text(text));
  message.set('status', status);
  return message;
}
