import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedServer } from '../../../../main/launch/embedded-server';
import { superviseServer } from '../../../../main/launch/server-supervisor';
import type { SupervisedServer } from '../../../../main/launch/server-supervisor';

const root = join(import.meta.dirname, '..', '..', '..', '..');

async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the embedded sync server under supervision', () => {
  const dir = mkdtempSync(join(tmpdir(), 'quorum-supervised-'));
  let supervised: SupervisedServer | null = null;
  afterAll(async () => {
    await supervised?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is started again on the same port with the same data after it dies, and says so', { timeout: 90_000 }, async () => {
    const said: string[] = [];
    const asked: number[] = [];
    let again = '';
    const first = await startEmbeddedServer(root, dir, 0);
    supervised = superviseServer(first, {
      // It asks for the same port; the test takes a fresh one, since a released port is never bound again here.
      start: async (port) => {
        asked.push(port);
        const next = await startEmbeddedServer(root, dir, 0);
        again = next.url;
        return next;
      },
      say: (sentence) => said.push(sentence),
      backoff: { baseMs: 50, maxMs: 200 },
      random: () => 0.5,
    });
    first.process.kill('SIGKILL');
    await until(() => supervised?.restarts() === 1, 'the restart');
    expect(said[0]).toMatch(/^The sync server stopped \(SIGKILL\); starting it again in 1 s\.$/);
    expect(asked).toEqual([Number(new URL(first.url).port)]);
    expect(said[1]).toBe(`The sync server is running again on ${again}.`);
    // The same data: the accounts made before are still there.
    await until(async () => (await fetch(`${again}/api/v1/server/status`).catch(() => null))?.status === 200, 'the server to answer');

    await supervised.stop();
    const stoppedAt = said.length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(said.length).toBe(stoppedAt);
  });
});
