import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileSecretStore } from '../../../../main/session/file-secret-store';
import type { SafeStorageLike } from '../../../../main/session/safe-storage-secret-store';
import { createSafeStorageSecretStore, withMigrationFrom } from '../../../../main/session/safe-storage-secret-store';

const posix = process.platform !== 'win32';

/** Stands in for Electron's safeStorage: same shape, a reversible scrambling instead of the OS keychain. */
function fakeSafeStorage(available = true): SafeStorageLike & { encrypted: number } {
  const fake = {
    encrypted: 0,
    isEncryptionAvailable: () => available,
    encryptString(plainText: string) {
      fake.encrypted += 1;
      return Buffer.from(`v10:${Buffer.from(plainText, 'utf8').reverse().toString('hex')}`);
    },
    decryptString(encrypted: Buffer) {
      const text = encrypted.toString();
      if (!text.startsWith('v10:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return Buffer.from(text.slice(4), 'hex').reverse().toString('utf8');
    },
  };
  return fake;
}

describe('secret stores', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'quorum-secrets-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  describe('the file store of the web shell', () => {
    it('keeps secrets in a file only the user can read', async () => {
      const path = join(dir, 'nested', 'secrets.json');
      const store = createFileSecretStore(path);
      expect(await store.get('session-token')).toBeNull();
      await store.set('session-token', 'abc');
      await store.set('other', 'def');
      expect(await store.get('session-token')).toBe('abc');
      if (posix) {
        expect(statSync(path).mode & 0o777).toBe(0o600);
        expect(statSync(join(dir, 'nested')).mode & 0o077).toBe(0);
      }
      await store.delete('session-token');
      expect(await store.get('session-token')).toBeNull();
      expect(await createFileSecretStore(path).get('other')).toBe('def');
    });

    it.runIf(posix)('narrows a file found readable by others before reading it', async () => {
      const path = join(dir, 'secrets.json');
      writeFileSync(path, JSON.stringify({ 'session-token': 'abc' }));
      chmodSync(path, 0o644);
      expect(await createFileSecretStore(path).get('session-token')).toBe('abc');
      expect(statSync(path).mode & 0o777).toBe(0o600);
    });
  });

  describe('the safeStorage store of the Electron shell', () => {
    it('encrypts every value before it is written', async () => {
      const safeStorage = fakeSafeStorage();
      const path = join(dir, 'secrets.enc.json');
      const store = createSafeStorageSecretStore(safeStorage, path);
      await store.set('session-token', 'token-in-clear');
      expect(safeStorage.encrypted).toBe(1);
      const onDisk = readFileSync(path, 'utf8');
      expect(onDisk).not.toContain('token-in-clear');
      expect(Buffer.from((JSON.parse(onDisk) as Record<string, string>)['session-token'] ?? '', 'base64').toString()).toMatch(/^v10:/);
      if (posix) expect(statSync(path).mode & 0o777).toBe(0o600);
      expect(await createSafeStorageSecretStore(safeStorage, path).get('session-token')).toBe('token-in-clear');
      await store.delete('session-token');
      expect(await store.get('session-token')).toBeNull();
    });

    it('refuses to store anything when encryption is unavailable', async () => {
      const store = createSafeStorageSecretStore(fakeSafeStorage(false), join(dir, 'secrets.enc.json'));
      await expect(store.set('session-token', 'x')).rejects.toThrow(/keychain/);
    });

    it('treats a value it cannot decrypt as absent', async () => {
      const path = join(dir, 'secrets.enc.json');
      writeFileSync(path, JSON.stringify({ 'session-token': Buffer.from('garbage').toString('base64') }));
      expect(await createSafeStorageSecretStore(fakeSafeStorage(), path).get('session-token')).toBeNull();
    });

    it('takes over what the file store held, and removes the clear copy', async () => {
      const legacy = createFileSecretStore(join(dir, 'secrets.json'));
      await legacy.set('embedded-credentials', '{"email":"a@quorum.local","password":"p"}');
      const safeStorage = fakeSafeStorage();
      const store = withMigrationFrom(createSafeStorageSecretStore(safeStorage, join(dir, 'secrets.enc.json')), legacy);
      expect(await store.get('embedded-credentials')).toBe('{"email":"a@quorum.local","password":"p"}');
      expect(await legacy.get('embedded-credentials')).toBeNull();
      expect(readFileSync(join(dir, 'secrets.enc.json'), 'utf8')).not.toContain('quorum.local');
      expect(await store.get('embedded-credentials')).toBe('{"email":"a@quorum.local","password":"p"}');
    });
  });
});
