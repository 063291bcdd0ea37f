import { homedir } from 'node:os';
import { join } from 'node:path';

/** The per-user data directory the desktop app keeps its files in, following each OS's convention. */
export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env['QUORUM_USER_DATA']) return env['QUORUM_USER_DATA'];
  if (platform === 'win32') return join(env['APPDATA'] ?? join(homedir(), 'AppData', 'Roaming'), 'Quorum');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Quorum');
  return join(env['XDG_DATA_HOME'] ?? join(homedir(), '.local', 'share'), 'quorum');
}
