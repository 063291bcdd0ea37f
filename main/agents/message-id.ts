import { randomInt } from 'node:crypto';
import { idPrefixes } from '../../shared/domain/ids';

const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A new message id in the shared id format: `msg_` and 22 random letters or digits. */
export function newMessageId(): string {
  let body = '';
  for (let index = 0; index < 22; index += 1) body += alphabet[randomInt(alphabet.length)];
  return `${idPrefixes.message}_${body}`;
}
