import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChangePage } from '../../../../shared/rest/change-endpoints';
import { startTestServer } from '../support/test-server';
import type { TestServer } from '../support/test-server';
import { createWorld } from '../support/world';
import type { World } from '../support/world';

let server: TestServer;
let world: World;

beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server);
});
afterAll(async () => {
  await server.dispose();
});

async function pull(replica: string, since: number): Promise<ChangePage> {
  const res = await world.client('member')('change.list', { query: { since: String(since), replica: String(replica) } });
  expect(res.status).toBe(200);
  return res.body as ChangePage;
}

describe('change feed with several replicas of one user', () => {
  it('sends a tombstone to every device that holds the entity, each once', async () => {
    const laptop = await pull('laptop', 0);
    const desktop = await pull('desktop', 0);
    for (const page of [laptop, desktop]) {
      expect(page.changes.some((c) => c.kind === 'project' && c.id === world.projectId && c.op === 'upsert')).toBe(true);
    }
    const removed = await world.client('owner')('project.member.remove', { params: { id: world.projectId, uid: world.actors.member.userId } });
    expect(removed.status).toBe(204);

    const tombstone = { kind: 'project', id: world.projectId, op: 'delete' };
    const laptopNext = await pull('laptop', laptop.cursor);
    expect(laptopNext.changes).toContainEqual(tombstone);
    const desktopNext = await pull('desktop', desktop.cursor);
    expect(desktopNext.changes).toContainEqual(tombstone);

    // A device that never held the project hears nothing of it.
    const fresh = await pull('phone', 0);
    expect(fresh.changes.some((c) => c.id === world.projectId)).toBe(false);
    // And a device that got its tombstone is not told again.
    const laptopAgain = await pull('laptop', laptopNext.cursor);
    expect(laptopAgain.changes.some((c) => c.id === world.projectId)).toBe(false);
  });

  it('refuses a malformed replica id', async () => {
    const res = await world.as('member')('GET', '/changes?since=0&replica=bad%20id');
    expect(res.status).toBe(400);
  });
});
