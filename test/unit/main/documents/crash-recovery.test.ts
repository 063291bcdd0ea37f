import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageMaps } from '../../../../shared/sync/conversation-document';
import { contentOf, messageById, userAuthor, writeMessage } from '../../sync-server/support/document-edits';
import { connect, waitFor } from '../../sync-server/support/sync-client';
import { startTestServer } from '../../sync-server/support/test-server';
import type { TestServer } from '../../sync-server/support/test-server';
import { createWorld } from '../../sync-server/support/world';
import type { World } from '../../sync-server/support/world';
import { killAfterFirstLine } from '../support/kill-after-first-line';
import { openDesktop } from '../sync/support/desktop';
import type { Desktop } from '../sync/support/desktop';

/*
 * The app is killed (SIGKILL) right after local edits, before they could reach the server: on
 * the next start they are there, and they reach the server.
 */

const editorScript = join(import.meta.dirname, 'support/offline-editor.ts');

let server: TestServer;
let world: World;
let conversation: string;
let desktop: Desktop | undefined;

/** An http address on loopback where nothing listens. */
async function unreachableUrl(): Promise<string> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return `http://127.0.0.1:${address.port}`;
}

/** Runs the editor process until it reports its edits stored, then kills it without warning. */
async function editThenKill(args: string[]): Promise<{ messageId: string; unstored: number }> {
  const line = await killAfterFirstLine(editorScript, args, 'the editor process to store its edits', 20_000);
  const match = /^stored (\S+) (\d+)$/.exec(line);
  if (!match) throw new Error(`the editor process said: ${line}`);
  return { messageId: match[1]!, unstored: Number(match[2]) };
}

beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server);
  const created = await world.client('owner')('conversation.create', { params: { id: world.projectId }, body: { title: 'Incident', kind: 'shared' } });
  conversation = `conversation:${(created.body as { id: string }).id}`;
});

afterAll(async () => {
  desktop?.dispose();
  await server?.dispose();
});

describe('an app killed after local edits', () => {
  it('has the edits after restarting, and they reach the server', async () => {
    const member = world.actors.member;
    const first = openDesktop({ serverUrl: server.url, token: member.token });
    first.sync.open(conversation);
    await first.synced(conversation);
    const earlier = writeMessage(first.sync.document(conversation), userAuthor(member.userId), 'Synced before the crash');
    await first.synced(conversation);
    first.close();

    const killed = await editThenKill([first.dbPath, conversation, await unreachableUrl(), member.userId, earlier]);
    expect(killed.unstored).toBe(2);

    // The next start, still offline: the edits are on disk, listed as not yet on the server.
    desktop = openDesktop({ serverUrl: server.url, token: member.token, dir: first.dir, sync: { online: false } });
    expect(desktop.store.unstored(conversation)).toHaveLength(2);
    const opened = desktop.sync.open(conversation);
    expect(opened.state).toMatchObject({ status: 'offline', unstored: 2 });
    const doc = desktop.sync.document(conversation);
    expect(contentOf(messageById(doc, earlier)).toString()).toBe('Edited offline: Synced before the crash');
    expect(contentOf(messageById(doc, killed.messageId)).toString()).toBe('Written just before the crash');

    // Online again: they reach the server, as someone else sees.
    desktop.sync.setOnline(true);
    await desktop.synced(conversation);
    const owner = connect(server.url, conversation, world.actors.owner.token);
    try {
      await owner.synced();
      await waitFor(() => messageMaps(owner.doc).length === 2, 10_000, 'both messages at the owner');
      expect(contentOf(messageById(owner.doc, earlier)).toString()).toBe('Edited offline: Synced before the crash');
      expect(contentOf(messageById(owner.doc, killed.messageId)).toString()).toBe('Written just before the crash');
    } finally {
      owner.destroy();
    }
    expect(desktop.store.unstored(conversation)).toEqual([]);
  });
});
