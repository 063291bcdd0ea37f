/**
 * Where the app keeps what must not be readable by other users or other programs: session tokens
 * and the embedded account's password. One interface, one implementation per shell: the OS
 * keychain through Electron's safeStorage, or a file only the user can read.
 */
export interface SecretStore {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

/** Names of the secrets the app keeps. */
export const secretKeys = {
  sessionToken: 'session-token',
  embeddedCredentials: 'embedded-credentials',
} as const;
