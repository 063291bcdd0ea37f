import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { userDataDir } from './user-data-dir';

/**
 * `npm start`: runs Quorum on this machine. The embedded sync server runs as its own process (the
 * desktop side never links the server's code), with its data in the user's data directory and the
 * enterprise plan, so one person has every feature.
 */
const require = createRequire(import.meta.url);
const root = join(import.meta.dirname, '..');
const dataDir = join(userDataDir(), 'sync-server');
const port = process.env['QUORUM_PORT'] ?? '8787';

const server = spawn(
  process.execPath,
  ['--import', require.resolve('tsx'), join(root, 'sync-server', 'cli.ts'), '--data-dir', dataDir, '--port', port, '--default-plan', 'enterprise', '--log-level', 'warn'],
  { stdio: 'inherit' },
);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => server.kill(signal));
}
server.on('exit', (code) => process.exit(code ?? 0));
