import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../sync-server/support/sync-client';
import { startTestServer } from '../../sync-server/support/test-server';
import type { TestServer } from '../../sync-server/support/test-server';
import { createWorld } from '../../sync-server/support/world';
import type { World } from '../../sync-server/support/world';
import { openDesktop } from './support/desktop';
import type { Desktop } from './support/desktop';

let server: TestServer;
let world: World;
let conversation: string;
let editor: Desktop;
let member: Desktop;

beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server);
  const created = await world.client('owner')('conversation.create', { params: { id: world.projectId }, body: { title: 'Standup', kind: 'shared' } });
  conversation = `conversation:${(created.body as { id: string }).id}`;
  editor = openDesktop({ serverUrl: server.url, token: world.actors.editor.token });
  member = openDesktop({ serverUrl: server.url, token: world.actors.member.token });
});

afterAll(async () => {
  editor?.dispose();
  member?.dispose();
  await server?.dispose();
});

describe('presence', () => {
  it('relays who else is in a document, with the identity the server vouches for', async () => {
    editor.sync.open(conversation);
    member.sync.open(conversation);
    await editor.synced(conversation);
    await member.synced(conversation);

    // A claimed identity is replaced by the server with the sender's real one.
    editor.sync.setPresence(conversation, { typing: true, user: { id: 'usr_someoneelse00000000', name: 'Someone else' } });
    await waitFor(() => (member.presence.get(conversation) ?? []).length === 1, 10_000, 'the editor at the member');
    const [seen] = member.presence.get(conversation) ?? [];
    expect(seen).toMatchObject({ user: { id: world.actors.editor.userId, name: 'editor' }, state: { typing: true } });
    expect(member.sync.presence(conversation)).toEqual(member.presence.get(conversation));
    // One's own state is not listed among the others.
    expect(editor.sync.presence(conversation)).toEqual([]);

    editor.sync.setPresence(conversation, null);
    await waitFor(() => (member.presence.get(conversation) ?? []).length === 0, 10_000, 'the editor gone');

    // Presence set while offline is announced on reconnecting.
    editor.sync.setOnline(false);
    editor.sync.setPresence(conversation, { cursor: { index: 7 } });
    editor.sync.setOnline(true);
    await waitFor(() => member.sync.presence(conversation).some((p) => p.state.cursor?.index === 7), 10_000, 'presence after reconnecting');
  });
});
