import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { apiRequest } from './support/test-server';

const require = createRequire(import.meta.url);
const root = join(import.meta.dirname, '../../..');

interface Started {
  child: ChildProcessWithoutNullStreams;
  url: string;
  output: () => string;
}

const started: Started[] = [];
const dirs: string[] = [];

afterEach(() => {
  for (const s of started.splice(0)) s.child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Starts `npm run sync-server`'s entry point as its own process and waits for its address. */
function startCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Started> {
  const child = spawn(process.execPath, ['--import', require.resolve('tsx'), join(root, 'sync-server/cli.ts'), ...args], {
    env: { ...process.env, ...env },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${output}`)), 20_000);
    child.stdout.on('data', () => {
      const match = /listening on (http:\/\/[^\s]+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        const s = { child, url: match[1], output: () => output };
        started.push(s);
        resolve(s);
      }
    });
    child.on('exit', () => reject(new Error(`server exited: ${output}`)));
  });
}

function exited(child: ChildProcessWithoutNullStreams): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'quorum-cli-'));
  dirs.push(dir);
  return dir;
}

describe('sync server command line', () => {
  it('listens on loopback by default, takes settings from flags and environment, and stops cleanly on SIGTERM and SIGINT', async () => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const server = await startCli(['--port', '0', '--log-level', 'silent'], { QUORUM_DATA_DIR: tempDir() });
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect((await apiRequest(server.url, 'GET', '/auth/whoami')).status).toBe(401);
      const exit = exited(server.child);
      server.child.kill(signal);
      expect(await exit).toEqual({ code: 0, signal: null });
    }
  });

  it('refuses unknown flags and bad values with a usage message', async () => {
    for (const args of [['--bogus'], ['--port', 'eighty'], ['--log-level', 'loud']]) {
      const child = spawn(process.execPath, ['--import', require.resolve('tsx'), join(root, 'sync-server/cli.ts'), ...args]);
      let output = '';
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const exit = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect(exit).toBe(2);
      expect(output).toContain('Usage:');
    }
  });

  it('never writes passwords, session tokens or API keys into its logs', async () => {
    const server = await startCli(['--port', '0', '--log-level', 'trace', '--data-dir', tempDir()]);
    const password = 'a very secret passphrase';
    await apiRequest(server.url, 'POST', '/auth/signup', {
      body: { email: 'logs@example.test', password, displayName: 'Logs', organizationName: 'Logs Inc' },
    });
    const session = await apiRequest<{ token: string }>(server.url, 'POST', '/auth/login', { body: { email: 'logs@example.test', password } });
    const token = session.body.token;
    const key = await apiRequest<{ secret: string }>(server.url, 'POST', '/auth/api-keys', { token, body: { name: 'k' } });
    await apiRequest(server.url, 'GET', '/auth/whoami', { token: key.body.secret });
    await apiRequest(server.url, 'GET', `/auth/whoami?token=${token}`, { token });
    await apiRequest(server.url, 'POST', '/auth/login', { body: { email: 'logs@example.test', password } });
    const exit = exited(server.child);
    server.child.kill('SIGTERM');
    await exit;
    const logs = server.output();
    expect(logs).toContain('"path":"/api/v1/auth/whoami"');
    expect(logs).not.toContain(password);
    expect(logs).not.toContain(token);
    expect(logs).not.toContain(key.body.secret);
  });
});
