import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageMaps } from '../../../../shared/sync/conversation-document';
import { userAuthor, writeMessage } from '../../sync-server/support/document-edits';
import { waitFor } from '../../sync-server/support/sync-client';
import { startTestServer } from '../../sync-server/support/test-server';
import type { TestServer } from '../../sync-server/support/test-server';
import { createWorld } from '../../sync-server/support/world';
import type { World } from '../../sync-server/support/world';
import { openDesktop } from './support/desktop';

/*
 * The desktop reads a close code's meaning from the one close-code table: a change larger than the
 * server takes (4413) cannot be helped by sending it again, so it is handled as a refusal.
 */

let server: TestServer;
let world: World;

beforeAll(async () => {
  server = await startTestServer({ syncMaxMessageBytes: 1024 });
  world = await createWorld(server);
});

afterAll(async () => {
  await server.dispose();
});

describe('close codes on the desktop', () => {
  it('treats a change too large for the server as refused: rebuilt from the server, the change kept aside', async () => {
    const created = await world.as('owner')('POST', `/projects/${world.projectId}/conversations`, { body: { title: 'Large', kind: 'shared' } });
    const name = `conversation:${(created.body as { id: string }).id}`;
    const desktop = openDesktop({ serverUrl: server.url, token: world.actors.member.token });
    try {
      desktop.sync.open(name);
      await desktop.synced(name);
      // Over the server's 1,024 bytes a frame, under the size at which the socket itself gives up.
      writeMessage(desktop.sync.document(name), userAuthor(world.actors.member.userId), 'x'.repeat(1_400));
      await waitFor(() => desktop.state(name).generation === 1 && desktop.state(name).status === 'synced', 10_000, 'rebuilt and synced');
      expect(desktop.state(name).refusal).toBe('A change is larger than the server accepts.');
      expect(messageMaps(desktop.sync.document(name))).toHaveLength(0);
      expect(desktop.sync.dropped(name)).toHaveLength(1);
    } finally {
      desktop.dispose();
    }
  });
});
