import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The file in the data directory that holds the server key when no environment variable gives one. */
export const serverKeyFileName = 'server-key';

const keyBytes = 32;
const sealedPrefix = 'v1';

interface ServerKey {
  readonly id: string;
  readonly key: Buffer;
}

/**
 * The keys connection secrets are sealed with: the current one seals, it and the previous ones
 * open. Rotation: give the new key as `QUORUM_SERVER_KEY` and the old one in
 * `QUORUM_SERVER_KEY_PREVIOUS`; at start every secret sealed with an old key is sealed again with
 * the new one, after which the old key may be dropped.
 */
export interface ServerKeys {
  readonly current: ServerKey;
  readonly previous: readonly ServerKey[];
}

/** A key that cannot be one (wrong length, not base64): the server refuses to start. */
export class ServerKeyError extends Error {
  override readonly name = 'ServerKeyError';
}

function keyOf(bytes: Buffer, source: string): ServerKey {
  if (bytes.length !== keyBytes) throw new ServerKeyError(`${source} must be ${keyBytes} bytes, base64-encoded (it is ${bytes.length} bytes).`);
  // The id names the key in each sealed secret without revealing it.
  return { id: createHash('sha256').update(bytes).digest('hex').slice(0, 12), key: bytes };
}

function decodeKey(text: string, source: string): ServerKey {
  const trimmed = text.trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed)) throw new ServerKeyError(`${source} is not base64.`);
  return keyOf(Buffer.from(trimmed, 'base64'), source);
}

/**
 * The server's keys: `QUORUM_SERVER_KEY` when set, else the key file in the data directory, made
 * (readable by the server's user only) the first time.
 */
export function loadServerKeys(options: { readonly dataDir: string; readonly env: Readonly<Record<string, string | undefined>> }): ServerKeys {
  const fromEnv = options.env['QUORUM_SERVER_KEY'];
  let current: ServerKey;
  if (fromEnv !== undefined && fromEnv.trim() !== '') {
    current = decodeKey(fromEnv, 'QUORUM_SERVER_KEY');
  } else {
    const file = join(options.dataDir, serverKeyFileName);
    if (!existsSync(file)) {
      mkdirSync(options.dataDir, { recursive: true });
      writeFileSync(file, `${randomBytes(keyBytes).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    }
    chmodSync(file, 0o600);
    current = decodeKey(readFileSync(file, 'utf8'), file);
  }
  const previous = (options.env['QUORUM_SERVER_KEY_PREVIOUS'] ?? '')
    .split(',')
    .filter((part) => part.trim() !== '')
    .map((part) => decodeKey(part, 'QUORUM_SERVER_KEY_PREVIOUS'));
  return { current, previous };
}

/** Seals a secret with the current key (AES-256-GCM): `v1.<key id>.<iv>.<tag>.<ciphertext>`. */
export function sealSecret(keys: ServerKeys, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keys.current.key, iv);
  const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return [sealedPrefix, keys.current.id, iv.toString('base64'), cipher.getAuthTag().toString('base64'), sealed.toString('base64')].join('.');
}

function partsOf(sealed: string): { keyId: string; iv: Buffer; tag: Buffer; data: Buffer } {
  const parts = sealed.split('.');
  if (parts.length !== 5 || parts[0] !== sealedPrefix) throw new ServerKeyError('A stored secret is not in a format this server reads.');
  const [, keyId = '', iv = '', tag = '', data = ''] = parts;
  return { keyId, iv: Buffer.from(iv, 'base64'), tag: Buffer.from(tag, 'base64'), data: Buffer.from(data, 'base64') };
}

/** Opens a sealed secret with whichever of the keys sealed it; throws when none did or it was altered. */
export function openSecret(keys: ServerKeys, sealed: string): string {
  const { keyId, iv, tag, data } = partsOf(sealed);
  const key = [keys.current, ...keys.previous].find((candidate) => candidate.id === keyId);
  if (key === undefined) throw new ServerKeyError(`A stored secret was sealed with a key this server does not have (${keyId}); give it in QUORUM_SERVER_KEY_PREVIOUS.`);
  const decipher = createDecipheriv('aes-256-gcm', key.key, iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
}

/** Whether a sealed secret was sealed with a key other than the current one (to seal again at start). */
export function sealedWithOldKey(keys: ServerKeys, sealed: string): boolean {
  return partsOf(sealed).keyId !== keys.current.id;
}
