import type { IdPrefix } from './ids';

/**
 * The Web Crypto random source every runtime of Quorum has as a global (Node 20, Electron, the
 * browser). Declared here because shared/ is type-checked without the Node and DOM typings.
 */
declare const crypto: { getRandomValues<T extends Uint8Array>(array: T): T };

const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz';
const bodyLength = 24;
// The largest multiple of 36 below 256: bytes at or above it are drawn again, so every character is equally likely.
const unbiasedBelow = 252;

/**
 * A new id of the shared form `<prefix>_` and 24 lowercase letters or digits (about 124 bits): the
 * one generator of entity ids, used by the server, the desktop and the renderer.
 */
export function newEntityId(prefix: IdPrefix): string {
  let body = '';
  while (body.length < bodyLength) {
    for (const byte of crypto.getRandomValues(new Uint8Array(bodyLength))) {
      if (byte < unbiasedBelow && body.length < bodyLength) body += alphabet[byte % alphabet.length];
    }
  }
  return `${prefix}_${body}`;
}
