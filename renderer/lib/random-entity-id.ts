import type { IdPrefix } from '../../shared/domain/ids';

const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz';

/** A fresh id of the shared form `<prefix>_` + 24 lowercase letters or digits. */
export function randomEntityId(prefix: IdPrefix): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  let body = '';
  for (const byte of bytes) body += alphabet[byte % alphabet.length];
  return `${prefix}_${body}`;
}
