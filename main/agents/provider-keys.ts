import type { SecretStore } from '../session/secret-store';

/**
 * API keys for model providers, per model registry entry. They live in this machine's secret
 * store only (the OS keychain, or a file only the user can read) and are never synced: a key is
 * the user's own credential with the provider, not the organization's data.
 */
export interface ProviderKeys {
  get(modelId: string): Promise<string | null>;
  set(modelId: string, apiKey: string): Promise<void>;
  clear(modelId: string): Promise<void>;
  has(modelId: string): Promise<boolean>;
}

const keyName = (modelId: string) => `provider-key:${modelId}`;

export function createProviderKeys(secrets: SecretStore): ProviderKeys {
  return {
    get: (modelId) => secrets.get(keyName(modelId)),
    set: (modelId, apiKey) => secrets.set(keyName(modelId), apiKey),
    clear: (modelId) => secrets.delete(keyName(modelId)),
    has: async (modelId) => (await secrets.get(keyName(modelId))) !== null,
  };
}
