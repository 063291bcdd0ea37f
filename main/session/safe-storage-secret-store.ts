import type { SecretStore } from './secret-store';
import { privateJsonFile } from './private-json-file';

/** The part of Electron's `safeStorage` the store uses, so tests can hand in an object of the same shape. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/**
 * The Electron shell's secret store: each value is encrypted with the OS keychain's key through
 * safeStorage (Keychain on macOS, DPAPI on Windows, the Secret Service or KWallet on Linux) before
 * it is written, as base64, to a file that is also only readable by the user. Nothing is written
 * in clear: when encryption is unavailable the store refuses to keep a secret.
 */
export function createSafeStorageSecretStore(safeStorage: SafeStorageLike, path: string, platform: NodeJS.Platform = process.platform): SecretStore {
  const file = privateJsonFile(path, platform);
  const requireEncryption = () => {
    if (!safeStorage.isEncryptionAvailable()) {
      throw new Error('The operating system keychain is not available, so secrets cannot be stored encrypted.');
    }
  };
  return {
    async get(key) {
      const stored = file.read()[key];
      if (stored === undefined) return null;
      requireEncryption();
      try {
        return safeStorage.decryptString(Buffer.from(stored, 'base64'));
      } catch {
        // Encrypted under a key the keychain no longer has (a restored profile): as good as absent.
        return null;
      }
    },
    async set(key, value) {
      requireEncryption();
      const encrypted = safeStorage.encryptString(value).toString('base64');
      file.write({ ...file.read(), [key]: encrypted });
    },
    async delete(key) {
      const values = file.read();
      if (Object.hasOwn(values, key)) {
        delete values[key];
        file.write(values);
      }
    },
  };
}

/**
 * Reads through to `legacy` for a secret `primary` lacks and moves it over: the Electron shell
 * takes over what the web shell stored on the same machine before Electron was installed.
 */
export function withMigrationFrom(primary: SecretStore, legacy: SecretStore): SecretStore {
  return {
    async get(key) {
      const value = await primary.get(key);
      if (value !== null) return value;
      const old = await legacy.get(key);
      if (old === null) return null;
      await primary.set(key, old);
      await legacy.delete(key);
      return old;
    },
    set: (key, value) => primary.set(key, value),
    async delete(key) {
      await primary.delete(key);
      await legacy.delete(key);
    },
  };
}
