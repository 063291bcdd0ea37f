import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { encodeAwareness, rawConnect } from '../support/raw-sync-client';
import type { RawClient } from '../support/raw-sync-client';
import { connect, waitFor } from '../support/sync-client';
import type { SyncClient } from '../support/sync-client';
import { startTestServer } from '../support/test-server';
import type { TestServer } from '../support/test-server';
import { createWorld } from '../support/world';
import type { World, WorldRole } from '../support/world';

/*
 * Presence is relayed between everyone on a document, always under the sender's real identity:
 * the server stamps it, refuses states for client ids of other users, and removes a client's
 * presence when its socket goes away.
 */

let server: TestServer;
let world: World;
let docName: string;
const providers: SyncClient[] = [];
const raws: RawClient[] = [];

beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server);
  const created = await world.client('member')('conversation.create', { params: { id: world.projectId }, body: { title: 'Who is here' } });
  expect(created.status).toBe(201);
  docName = `conversation:${(created.body as { id: string }).id}`;
});

afterEach(() => {
  for (const provider of providers.splice(0)) provider.destroy();
  for (const raw of raws.splice(0)) raw.close();
});

afterAll(async () => {
  await server.dispose();
});

async function join(role: WorldRole): Promise<SyncClient> {
  const client = connect(server.url, docName, world.actors[role].token);
  providers.push(client);
  await client.synced();
  return client;
}

async function joinRaw(role: WorldRole): Promise<RawClient> {
  const raw = rawConnect(server.url, docName, world.actors[role].token);
  raws.push(raw);
  await raw.synced();
  return raw;
}

function stateOf(viewer: SyncClient, client: number): Record<string, unknown> | undefined {
  return viewer.provider.awareness.getStates().get(client);
}

function identity(role: WorldRole): { id: string; name: string } {
  // The world signs everyone up with their role as display name.
  return { id: world.actors[role].userId, name: world.actors[role].name };
}

describe('presence', () => {
  it('relays presence between providers, with the sender identity stamped in', async () => {
    const member = await join('member');
    const editor = await join('editor');
    member.provider.awareness.setLocalStateField('cursor', { index: 3 });
    editor.provider.awareness.setLocalStateField('cursor', { index: 7 });
    await waitFor(() => (stateOf(editor, member.doc.clientID)?.['cursor'] as { index: number } | undefined)?.index === 3, 5000, 'the member cursor at the editor');
    await waitFor(() => (stateOf(member, editor.doc.clientID)?.['cursor'] as { index: number } | undefined)?.index === 7, 5000, 'the editor cursor at the member');
    expect(stateOf(editor, member.doc.clientID)).toEqual({ cursor: { index: 3 }, user: identity('member') });
    expect(stateOf(member, editor.doc.clientID)).toEqual({ cursor: { index: 7 }, user: identity('editor') });
    // Providers send every presence change they see back to the server; that must not cost them their socket.
    expect(member.closes).toEqual([]);
    expect(editor.closes).toEqual([]);
    const owner = await join('owner');
    await waitFor(() => stateOf(owner, member.doc.clientID)?.['cursor'] !== undefined && stateOf(owner, editor.doc.clientID)?.['cursor'] !== undefined, 5000, 'both cursors at the owner');
    expect([member, editor, owner].flatMap((c) => c.closes)).toEqual([]);
  });

  it('shows a client claiming to be someone else under its real identity', async () => {
    const member = await join('member');
    const editor = await join('editor');
    member.provider.awareness.setLocalStateField('user', { id: 'someone-else', name: 'Mallory' });
    member.provider.awareness.setLocalStateField('cursor', { index: 1 });
    await waitFor(() => stateOf(editor, member.doc.clientID)?.['cursor'] !== undefined, 5000, 'the member presence at the editor');
    expect(stateOf(editor, member.doc.clientID)?.['user']).toEqual(identity('member'));
    expect(JSON.stringify([...editor.provider.awareness.getStates().values()])).not.toContain('Mallory');
  });

  it("refuses presence for another user's client id, and keeps the real one", async () => {
    const owner = await join('owner');
    const editor = await join('editor');
    owner.provider.awareness.setLocalStateField('cursor', { index: 5 });
    await waitFor(() => stateOf(editor, owner.doc.clientID)?.['cursor'] !== undefined, 5000, 'the owner presence at the editor');
    const real = stateOf(editor, owner.doc.clientID);

    const raw = await joinRaw('member');
    const ownClient = 777_001;
    raw.sendAwareness(
      encodeAwareness([
        { client: owner.doc.clientID, clock: 1_000, state: { cursor: { index: 99 }, user: { id: world.actors.owner.userId, name: 'owner' } } },
        { client: ownClient, clock: 1, state: { cursor: { index: 2 } } },
      ]),
    );
    // The raw client's own state is relayed; the forged one, sent with it, is not.
    await waitFor(() => stateOf(editor, ownClient) !== undefined, 5000, 'the raw client presence');
    expect(stateOf(editor, ownClient)).toEqual({ cursor: { index: 2 }, user: identity('member') });
    expect(stateOf(editor, owner.doc.clientID)).toEqual(real);
    expect(stateOf(owner, owner.doc.clientID)).toEqual({ cursor: { index: 5 } });
    expect(raw.closed).toBeUndefined();
  });

  it('removes the presence of a client whose socket goes away', async () => {
    const editor = await join('editor');
    const raw = await joinRaw('member');
    const client = 777_002;
    raw.sendAwareness(encodeAwareness([{ client, clock: 1, state: { cursor: { index: 4 } } }]));
    await waitFor(() => stateOf(editor, client) !== undefined, 5000, 'the raw client presence');
    // No goodbye: the socket is cut, so only the server can tell the others.
    raw.ws.terminate();
    await waitFor(() => stateOf(editor, client) === undefined, 5000, 'the presence to disappear');

    const member = await join('member');
    member.provider.awareness.setLocalStateField('cursor', { index: 8 });
    await waitFor(() => stateOf(editor, member.doc.clientID)?.['cursor'] !== undefined, 5000, 'the member presence');
    const memberClient = member.doc.clientID;
    member.destroy();
    await waitFor(() => stateOf(editor, memberClient) === undefined, 5000, 'the provider presence to disappear');
  });

  it('does not hold up others when a client only sends presence', async () => {
    const raw = await joinRaw('member');
    raw.sendAwareness(encodeAwareness([{ client: 777_003, clock: 1, state: { viewing: true } }]));
    await waitFor(() => raw.awareness.length > 0, 5000, 'the presence echo');
    // A new binding of a client id waits to be stored; the next client to sync must not wait on it forever.
    const late = connect(server.url, docName, world.actors.editor.token);
    providers.push(late);
    await waitFor(() => late.provider.synced, 5000, 'the late provider to sync');
    expect(stateOf(late, 777_003)).toEqual({ viewing: true, user: identity('member') });
  });
});
