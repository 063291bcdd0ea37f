import { afterAll, afterEach, beforeAll } from 'vitest';
import type { SyncClient } from './sync-client';
import { startTestServer } from './test-server';
import type { TestServer } from './test-server';
import { createWorld } from './world';
import type { World } from './world';

/** One file's real server and test world, and the sync clients its tests open. */
export interface SyncSuite {
  readonly server: TestServer;
  readonly world: World;
  /** Clients opened by the running test; each is closed when the test ends. */
  readonly open: SyncClient[];
}

/**
 * Starts the server and builds the world before the file's tests, closes every client a test left
 * in `open` after it, and stops the server at the end. Read `server` and `world` inside tests only:
 * they exist once the file's `beforeAll` has run.
 */
export function syncSuite(): SyncSuite {
  let started: { server: TestServer; world: World } | undefined;
  const open: SyncClient[] = [];
  const ready = () => {
    if (started === undefined) throw new Error('the suite has not started: read it inside a test');
    return started;
  };
  beforeAll(async () => {
    const server = await startTestServer();
    started = { server, world: await createWorld(server) };
  });
  afterEach(() => {
    for (const client of open.splice(0)) client.destroy();
  });
  afterAll(async () => {
    await started?.server.dispose();
  });
  return {
    get server() {
      return ready().server;
    },
    get world() {
      return ready().world;
    },
    open,
  };
}
