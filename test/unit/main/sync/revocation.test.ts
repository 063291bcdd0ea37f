import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppFailure } from '../../../../main/app-api/app-failure';
import { userAuthor, writeMessage } from '../../sync-server/support/document-edits';
import { waitFor } from '../../sync-server/support/sync-client';
import { startTestServer } from '../../sync-server/support/test-server';
import type { TestServer } from '../../sync-server/support/test-server';
import { createWorld, inviteAndJoin } from '../../sync-server/support/world';
import type { Actor, World } from '../../sync-server/support/world';
import { openDesktop } from './support/desktop';
import type { Desktop } from './support/desktop';

/*
 * When the server says access is gone, the local copies go with it; when it says the credential
 * is gone, nothing tries again until there is a new one.
 */

let server: TestServer;
let world: World;
let conversation: string;
let project: string;
const desktops: Desktop[] = [];

function rowsOf(desktop: Desktop, name: string): number {
  const count = (table: string) => (desktop.db.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE name = ?`).get(name) as { n: number }).n;
  return count('documents') + count('document_updates') + count('document_dropped_changes');
}

/** A new person who joins the organization through an invitation as a member of project alpha. */
async function joinAlpha(name: string): Promise<Actor> {
  return (await inviteAndJoin(server, world.actors.owner.token, name, { kind: 'project', projectId: world.projectId, role: 'member' })).actor;
}

beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server);
  const created = await world.client('owner')('conversation.create', { params: { id: world.projectId }, body: { title: 'Roadmap', kind: 'shared' } });
  conversation = `conversation:${(created.body as { id: string }).id}`;
  project = `project:${world.projectId}`;
});

afterEach(() => {
  for (const desktop of desktops.splice(0)) desktop.dispose();
});

afterAll(async () => {
  await server?.dispose();
});

describe('revocation', () => {
  it('purges the local copies of a member removed from the project while connected', async () => {
    const actor = await joinAlpha('leaving');
    const desktop = openDesktop({ serverUrl: server.url, token: actor.token });
    desktops.push(desktop);
    desktop.sync.open(conversation);
    desktop.sync.open(project);
    await desktop.synced(conversation);
    await desktop.synced(project);
    writeMessage(desktop.sync.document(conversation), userAuthor(actor.userId), 'Before I go');
    await desktop.synced(conversation);
    expect(rowsOf(desktop, conversation)).toBeGreaterThan(0);

    const removed = await world.client('owner')('project.member.remove', { params: { id: world.projectId, uid: actor.userId } });
    expect(removed.status).toBeLessThan(300);

    await waitFor(() => desktop.state(conversation).status === 'revoked' && desktop.state(project).status === 'revoked', 10_000, 'both documents revoked');
    for (const name of [conversation, project]) {
      expect(desktop.store.has(name)).toBe(false);
      expect(desktop.store.loaded(name)).toBeUndefined();
      expect(rowsOf(desktop, name)).toBe(0);
      expect(desktop.states.filter((s) => s.name === name).at(-1)).toMatchObject({ status: 'revoked', unstored: 0 });
    }
    expect(() => desktop.sync.document(conversation)).toThrow(AppFailure);
    expect(() => desktop.sync.update(conversation, new Uint8Array([0, 0]))).toThrow(AppFailure);
    expect(desktop.sync.states().map((s) => s.status)).toEqual(['revoked', 'revoked']);

    // Closing lets go of the record; opening again asks the server, which still says no.
    desktop.sync.close(conversation);
    expect(desktop.sync.state(conversation)).toBeUndefined();
    desktop.sync.open(conversation);
    await waitFor(() => desktop.state(conversation).status === 'revoked', 10_000, 'revoked again');
    expect(desktop.store.has(conversation)).toBe(false);
  });

  it('purges documents the change feed reports as gone, open or not', () => {
    const desktop = openDesktop({ serverUrl: server.url, token: world.actors.member.token, sync: { online: false } });
    desktops.push(desktop);
    desktop.sync.open(conversation);
    desktop.store.open(project);
    desktop.store.close(project);
    expect(desktop.store.has(project)).toBe(true);
    desktop.sync.purge({ projectIds: [world.projectId], conversationIds: [conversation.slice('conversation:'.length)] });
    expect(desktop.store.has(project)).toBe(false);
    expect(desktop.store.has(conversation)).toBe(false);
    expect(desktop.state(conversation).status).toBe('revoked');
  });
});

describe('a credential the server no longer accepts', () => {
  it('stops every document, reports it, and resumes with a new credential', async () => {
    const actor = await joinAlpha('expiring');
    let token: string | null = 'qrm_not_a_valid_token';
    const desktop = openDesktop({ serverUrl: server.url, token: () => token });
    desktops.push(desktop);
    let reported = 0;
    desktop.sync.onUnauthenticated(() => {
      reported += 1;
    });
    desktop.sync.open(conversation);
    desktop.sync.open(project);
    await waitFor(() => reported > 0 && desktop.sync.states().every((s) => s.status === 'unauthenticated'), 10_000, 'unauthenticated');
    expect(desktop.store.has(conversation)).toBe(true);

    token = actor.token;
    desktop.sync.reconnect();
    await desktop.synced(conversation);
    await desktop.synced(project);
  });
});
