import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { messageMaps } from '../../../../shared/sync/conversation-document';
import { AppFailure } from '../../../../main/app-api/app-failure';
import { contentJson, contentOf, messageById, userAuthor, writeMessage } from '../../sync-server/support/document-edits';
import { connect, waitFor } from '../../sync-server/support/sync-client';
import type { SyncClient } from '../../sync-server/support/sync-client';
import { startTestServer } from '../../sync-server/support/test-server';
import type { TestServer } from '../../sync-server/support/test-server';
import { createWorld } from '../../sync-server/support/world';
import type { World, WorldRole } from '../../sync-server/support/world';
import { openDesktop } from './support/desktop';
import type { Desktop } from './support/desktop';

/*
 * A change the server refuses is not offered again: the desktop rebuilds the document from the
 * server's state under a new client id, reports why, keeps what was dropped, and syncs on.
 */

let server: TestServer;
let world: World;
let conversation: string;
let ownerMessage: string;
/** The owner, connected with a plain provider, as the rest of the team. */
let owner: SyncClient;
const desktops: Desktop[] = [];

async function deniedWrites(role: WorldRole): Promise<number> {
  const page = await world.client('owner')('org.audit.read', { query: { action: 'document.write', outcome: 'denied', actorId: String(world.actors[role].userId), limit: '1000' } });
  if (page.status !== 200) throw new Error(`audit: ${page.status} ${JSON.stringify(page.body)}`);
  return (page.body as { items: unknown[] }).items.length;
}

function desktopFor(role: WorldRole): Desktop {
  const desktop = openDesktop({ serverUrl: server.url, token: world.actors[role].token });
  desktops.push(desktop);
  return desktop;
}

beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server);
  const created = await world.client('owner')('conversation.create', { params: { id: world.projectId }, body: { title: 'Review', kind: 'shared' } });
  conversation = `conversation:${(created.body as { id: string }).id}`;
  owner = connect(server.url, conversation, world.actors.owner.token);
  await owner.synced();
  ownerMessage = writeMessage(owner.doc, userAuthor(world.actors.owner.userId), 'Owner wrote this');
  await owner.storedAll();
});

afterEach(() => {
  for (const desktop of desktops.splice(0)) desktop.dispose();
});

afterAll(async () => {
  owner?.destroy();
  await server?.dispose();
});

describe('a refused update', () => {
  it("rebuilds a viewer's document from the server under a new client id and reports why", async () => {
    const viewer = desktopFor('viewer');
    viewer.sync.open(conversation);
    await viewer.synced(conversation);
    const before = await deniedWrites('viewer');
    const oldDoc = viewer.sync.document(conversation);
    const oldClient = oldDoc.clientID;

    writeMessage(oldDoc, userAuthor(world.actors.viewer.userId), 'Viewers cannot write');
    await waitFor(() => viewer.state(conversation).generation === 1 && viewer.state(conversation).status === 'synced', 10_000, 'rebuilt and synced');

    const state = viewer.state(conversation);
    expect(state.refusal).toMatch(/./);
    expect(state.unstored).toBe(0);
    const rebuilt = viewer.sync.document(conversation);
    expect(rebuilt).not.toBe(oldDoc);
    expect(rebuilt.clientID).not.toBe(oldClient);
    expect(contentJson('conversation', rebuilt)).toEqual(contentJson('conversation', owner.doc));
    expect(messageMaps(rebuilt).map((m) => contentOf(m).toString())).toEqual(['Owner wrote this']);
    expect(viewer.states.filter((s) => s.status === 'refused')).toHaveLength(1);

    // What was dropped is kept, with the reason and where it wrote.
    const dropped = viewer.sync.dropped(conversation);
    expect(dropped).toHaveLength(1);
    expect(dropped[0]).toMatchObject({ reason: state.refusal, paths: ['messages.*'] });
    const shown = new Y.Doc();
    Y.applyUpdate(shown, Y.encodeStateAsUpdate(rebuilt));
    Y.applyUpdate(shown, Buffer.from(dropped[0]!.update, 'base64'));
    expect(messageMaps(shown).map((m) => contentOf(m).toString())).toContain('Viewers cannot write');

    // A renderer still holding the old copy is told to open the document again.
    const stale = new Y.Doc();
    stale.clientID = oldClient;
    Y.applyUpdate(stale, Y.encodeStateAsUpdate(rebuilt));
    const staleBefore = Y.encodeStateVector(stale);
    stale.getMap('settings').set('x', 1);
    expect(() => viewer.sync.update(conversation, Y.encodeStateAsUpdate(stale, staleBefore))).toThrow(AppFailure);

    // Reconnecting offers nothing refused again: the server sees exactly one refused write.
    viewer.sync.setOnline(false);
    viewer.sync.setOnline(true);
    await viewer.synced(conversation);
    writeMessage(owner.doc, userAuthor(world.actors.owner.userId), 'Still here');
    await waitFor(() => messageMaps(viewer.sync.document(conversation)).length === 2, 10_000, 'the owner’s next message');
    expect(await deniedWrites('viewer')).toBe(before + 1);
    expect(viewer.states.filter((s) => s.status === 'refused')).toHaveLength(1);
  });

  it("rebuilds a member's document after they edit someone else's message, and keeps syncing their own", async () => {
    const member = desktopFor('member');
    member.sync.open(conversation);
    await member.synced(conversation);
    const before = await deniedWrites('member');
    const doc = member.sync.document(conversation);

    contentOf(messageById(doc, ownerMessage)).insert(0, 'Member changed: ');
    await waitFor(() => member.state(conversation).generation === 1 && member.state(conversation).status === 'synced', 10_000, 'rebuilt and synced');
    expect(member.state(conversation).refusal).toMatch(/author/i);
    expect(contentOf(messageById(member.sync.document(conversation), ownerMessage)).toString()).toBe('Owner wrote this');
    expect(member.sync.dropped(conversation)[0]?.paths).toEqual(['messages.*.content']);

    // Their own writes go through under the new client id.
    const mine = writeMessage(member.sync.document(conversation), userAuthor(world.actors.member.userId), 'My own note');
    await member.synced(conversation);
    await waitFor(() => messageMaps(owner.doc).some((m) => m.get('id') === mine), 10_000, 'the member’s note at the owner');
    expect(contentOf(messageById(owner.doc, ownerMessage)).toString()).toBe('Owner wrote this');
    expect(contentJson('conversation', member.sync.document(conversation))).toEqual(contentJson('conversation', owner.doc));
    expect(await deniedWrites('member')).toBe(before + 1);

    // The reason stays until the user dismisses it; the rebuild survives a restart of the app.
    member.sync.dismissRefusal(conversation);
    // The open document tells the app at once, so the notice goes without waiting for another event.
    expect(member.states.at(-1)).toMatchObject({ name: conversation, refusal: null, generation: 1 });
    expect(member.state(conversation).refusal).toBeNull();
    member.close();
    const again = openDesktop({ serverUrl: server.url, token: world.actors.member.token, dir: member.dir });
    desktops.push(again);
    expect(again.sync.open(conversation).state).toMatchObject({ generation: 1, refusal: null, unstored: 0 });
    await again.synced(conversation);
    expect(await deniedWrites('member')).toBe(before + 1);
  });

  it('rebuilds offline edits that the server refuses when they arrive after reconnecting', async () => {
    const viewer = desktopFor('viewer');
    viewer.sync.open(conversation);
    await viewer.synced(conversation);
    viewer.sync.setOnline(false);
    const doc = viewer.sync.document(conversation);
    writeMessage(doc, userAuthor(world.actors.viewer.userId), 'Written on the train');
    expect(viewer.state(conversation)).toMatchObject({ status: 'offline', unstored: 1 });

    viewer.sync.setOnline(true);
    await waitFor(() => viewer.state(conversation).generation === 1 && viewer.state(conversation).status === 'synced', 10_000, 'rebuilt and synced');
    expect(contentJson('conversation', viewer.sync.document(conversation))).toEqual(contentJson('conversation', owner.doc));
    expect(viewer.sync.dropped(conversation)).toHaveLength(1);
  });
});
