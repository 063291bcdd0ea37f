import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSyncServer } from '../../../sync-server/build-sync-server';
import { apiRequest } from './support/test-server';

const root = join(import.meta.dirname, '../../..');

describe('bundling the sync server', () => {
  // Inside the repository, where the bundle finds the npm packages it leaves out.
  mkdirSync(join(root, 'dist'), { recursive: true });
  const out = mkdtempSync(join(root, 'dist', 'sync-server-test-'));
  const dataDir = mkdtempSync(join(tmpdir(), 'quorum-bundle-'));
  afterAll(() => {
    rmSync(out, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('writes one file that plain node runs as the sync server, no TypeScript loader involved', async () => {
    const entry = await buildSyncServer(root, out);
    expect(entry).toBe(join(out, 'cli.js'));
    const child = spawn(process.execPath, [entry, '--port', '0', '--data-dir', dataDir, '--log-level', 'silent']);
    try {
      let output = '';
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the bundle did not start: ${output}`)), 20_000);
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const match = /listening on (http:\/\/\S+)/.exec(output);
          if (match?.[1]) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        });
        child.once('exit', () => reject(new Error(`the bundle exited: ${output}`)));
      });
      const signup = await apiRequest(url, 'POST', '/auth/signup', { body: { email: 'b@example.test', password: 'correct horse battery staple', displayName: 'B' } });
      // Sign-up answers alike whether or not the address has an account.
      expect(signup.status).toBe(202);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
