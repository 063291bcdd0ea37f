import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PortInUseError, startEmbeddedServer } from '../../../../main/launch/embedded-server';
import type { EmbeddedServer } from '../../../../main/launch/embedded-server';

const root = join(import.meta.dirname, '..', '..', '..', '..');

describe('the embedded sync server', () => {
  const dirs: string[] = [];
  const servers: EmbeddedServer[] = [];
  afterAll(async () => {
    for (const server of servers) await server.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });
  const dataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'quorum-embedded-'));
    dirs.push(dir);
    return dir;
  };

  it('runs as its own process on 127.0.0.1 and answers once started; a second one on the same port fails clearly', async () => {
    const server = await startEmbeddedServer(root, dataDir(), 0);
    servers.push(server);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const openapi = await fetch(`${server.url}/api/v1/openapi.json`);
    expect(openapi.status).toBe(200);

    const port = Number(new URL(server.url).port);
    const taken = startEmbeddedServer(root, dataDir(), port);
    await expect(taken).rejects.toBeInstanceOf(PortInUseError);
    await expect(taken).rejects.toThrow(`Port ${String(port)} is already in use on this computer`);
    await expect(taken).rejects.toThrow(`QUORUM_PORT=${String(port + 1)}`);

    await server.stop();
    expect(server.process.exitCode !== null || server.process.signalCode !== null).toBe(true);
  });
});
