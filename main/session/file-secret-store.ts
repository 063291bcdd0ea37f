import type { SecretStore } from './secret-store';
import { privateJsonFile } from './private-json-file';

/**
 * The web shell's secret store: a JSON file readable only by the user (mode 0600). It protects
 * against other users of the machine, not against programs running as the same user; the
 * Electron shell uses the OS keychain instead.
 */
export function createFileSecretStore(path: string, platform: NodeJS.Platform = process.platform): SecretStore {
  const file = privateJsonFile(path, platform);
  return {
    async get(key) {
      return file.read()[key] ?? null;
    },
    async set(key, value) {
      file.write({ ...file.read(), [key]: value });
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
