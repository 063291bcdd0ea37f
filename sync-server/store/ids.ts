import { randomBytes } from 'node:crypto';

const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz';

/** A new random entity id such as `prj_3k9...`: 20 base-36 characters, about 103 bits. */
export function newId(prefix: string): string {
  const bytes = randomBytes(20);
  let out = '';
  for (const byte of bytes) out += alphabet[byte % 36];
  return `${prefix}_${out}`;
}
