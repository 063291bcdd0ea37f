import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * The Electron executable, or null when it is not installed. In Node, `require('electron')`
 * answers the binary's path as a string, and throws when the package was installed without its
 * binary (as in CI images): both cases, and a path to nothing, mean "no Electron".
 */
export function findElectronBinary(load: (id: string) => unknown = createRequire(import.meta.url)): string | null {
  let found: unknown;
  try {
    found = load('electron');
  } catch {
    return null;
  }
  return typeof found === 'string' && existsSync(found) ? found : null;
}
