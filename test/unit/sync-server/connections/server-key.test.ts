import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ServerKeyError, loadServerKeys, openSecret, sealSecret, sealedWithOldKey, serverKeyFileName } from '../../../../sync-server/connections/server-key';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'quorum-server-key-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const key = () => randomBytes(32).toString('base64');

describe('the server key', () => {
  it('is made once in the data directory, readable by the server’s user only, and kept', () => {
    const first = loadServerKeys({ dataDir: dir, env: {} });
    const file = join(dir, serverKeyFileName);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const again = loadServerKeys({ dataDir: dir, env: {} });
    expect(again.current.id).toBe(first.current.id);
    expect(readFileSync(file, 'utf8').trim()).toHaveLength(44);
  });

  it('comes from QUORUM_SERVER_KEY when set, and refuses one that is not 32 bytes of base64', () => {
    const given = key();
    const keys = loadServerKeys({ dataDir: dir, env: { QUORUM_SERVER_KEY: given } });
    expect(() => statSync(join(dir, serverKeyFileName))).toThrow();
    expect(openSecret(keys, sealSecret(keys, 'sk-live'))).toBe('sk-live');
    expect(() => loadServerKeys({ dataDir: dir, env: { QUORUM_SERVER_KEY: 'c2hvcnQ=' } })).toThrow(ServerKeyError);
    expect(() => loadServerKeys({ dataDir: dir, env: { QUORUM_SERVER_KEY: 'not base64!' } })).toThrow(ServerKeyError);
  });

  it('seals without the secret in the sealed text, and refuses a sealed text that was altered', () => {
    const keys = loadServerKeys({ dataDir: dir, env: {} });
    const sealed = sealSecret(keys, 'sk-very-secret-value');
    expect(sealed).not.toContain('sk-very-secret');
    expect(sealSecret(keys, 'sk-very-secret-value')).not.toBe(sealed);
    const parts = sealed.split('.');
    const data = Buffer.from(parts[4] ?? '', 'base64');
    data[0] = (data[0] ?? 0) ^ 1;
    parts[4] = data.toString('base64');
    expect(() => openSecret(keys, parts.join('.'))).toThrow();
    expect(() => openSecret(keys, 'plain')).toThrow(ServerKeyError);
  });

  it('rotates: the previous key still opens, the new one seals, an unknown key is named', () => {
    const oldKey = key();
    const newKey = key();
    const before = loadServerKeys({ dataDir: dir, env: { QUORUM_SERVER_KEY: oldKey } });
    const sealed = sealSecret(before, 'sk-rotate');
    const after = loadServerKeys({ dataDir: dir, env: { QUORUM_SERVER_KEY: newKey, QUORUM_SERVER_KEY_PREVIOUS: oldKey } });
    expect(sealedWithOldKey(after, sealed)).toBe(true);
    expect(openSecret(after, sealed)).toBe('sk-rotate');
    expect(sealedWithOldKey(after, sealSecret(after, 'x'))).toBe(false);
    const withoutOld = loadServerKeys({ dataDir: dir, env: { QUORUM_SERVER_KEY: newKey } });
    expect(() => openSecret(withoutOld, sealed)).toThrow(/QUORUM_SERVER_KEY_PREVIOUS/);
  });
});
