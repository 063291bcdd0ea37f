import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DirectoryChange } from '../../../../main/app/ports';
import type { PullerStatus } from '../../../../main/replica/change-feed-puller';
import { ChangeFeedPuller } from '../../../../main/replica/change-feed-puller';
import { Replica } from '../../../../main/replica/replica';
import { createRestClient } from '../../../../main/directory/rest-client';
import type { RestClientOptions } from '../../../../main/directory/rest-client';
import { startTestServer } from '../../sync-server/support/test-server';
import type { TestServer } from '../../sync-server/support/test-server';
import { createWorld } from '../../sync-server/support/world';
import type { World } from '../../sync-server/support/world';
import { tempLocalDatabase, testId } from './support/replica-entities';

let server: TestServer;
let world: World;
let gammaId: string;
const alphaConversations: string[] = [];
let gammaConversation: string;
let local: ReturnType<typeof tempLocalDatabase>;

/** Every URL the puller asked for, so tests can count round trips. */
const requested: string[] = [];
const countingFetch: typeof fetch = (url, init) => {
  requested.push(String(url));
  return fetch(url, init);
};

/** The desktop's REST client against the test server, as the member (or with other options). */
function clientOf(options: Partial<RestClientOptions> = {}) {
  return createRestClient({ serverUrl: () => server.url, token: () => world.actors.member.token, fetch: countingFetch, ...options });
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function memberReplica(): Replica {
  return Replica.open(local.db, { orgId: world.orgId, userId: world.actors.member.userId });
}

function memberPuller(
  replica: Replica,
  options: Partial<ConstructorParameters<typeof ChangeFeedPuller>[0]> = {},
  clientOptions: Partial<RestClientOptions> = {},
): ChangeFeedPuller {
  return new ChangeFeedPuller({ replica, client: clientOf(clientOptions), ...options });
}

async function created(res: Promise<{ status: number; body: unknown }>): Promise<string> {
  const answer = await res;
  if (answer.status >= 300) throw new Error(`${answer.status} ${JSON.stringify(answer.body)}`);
  return (answer.body as { id: string }).id;
}

beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server);
  const owner = world.client('owner');
  gammaId = await created(owner('project.create', { body: { name: 'Gamma' } }));
  for (const title of ['Launch plan', 'Hiring']) {
    alphaConversations.push(await created(owner('conversation.create', { params: { id: world.projectId }, body: { title } })));
  }
  gammaConversation = await created(owner('conversation.create', { params: { id: gammaId }, body: { title: 'Gamma secrets' } }));
  local = tempLocalDatabase();
});

afterAll(async () => {
  local.dispose();
  await server.dispose();
});

describe('ChangeFeedPuller against the sync server', () => {
  it("fills the member's replica with what they may see, and nothing else", async () => {
    const replica = memberReplica();
    const puller = memberPuller(replica);
    const changes: DirectoryChange[] = [];
    puller.onChange((change) => changes.push(change));

    const result = await puller.pull();
    expect(result.ok).toBe(true);
    const projects = replica.list('project').map((p) => p.id);
    expect(projects).toContain(world.projectId);
    expect(projects).not.toContain(gammaId);
    expect(projects).not.toContain(world.strangerProjectId);
    expect(replica.list('conversation', world.projectId).map((c) => c.id).sort()).toEqual([...alphaConversations].sort());
    expect(replica.list('conversation').map((c) => c.id)).not.toContain(gammaConversation);
    expect(replica.list('organization').map((o) => o.id)).toEqual([world.orgId]);
    expect(replica.cursor).toBeGreaterThan(0);
    expect(changes).toHaveLength(1);
    expect(changes[0]?.kinds).toEqual(expect.arrayContaining(['organization', 'project', 'conversation']));

    expect(replica.myRoles().orgRole).toBe('member');
    expect(replica.myRoles().projects[world.projectId]).toBe('member');
    expect(replica.myRoles().projects[gammaId]).toBeUndefined();
    expect(puller.status()).toMatchObject({ online: true, unauthenticated: false, pulling: false, lastError: null });

    // What the document layer would feed for the member's conversations.
    replica.messages.index(alphaConversations[0] ?? '', world.projectId, [
      { id: testId('msg', 1), author: world.actors.member.userId, createdAt: '2025-02-01T10:00:00.000Z', text: 'launch on friday' },
    ]);
    expect(replica.messages.search(world.projectId, 'launch', 10).map((h) => h.conversationTitle)).toEqual(['Launch plan']);
  });

  it('keeps its cursor across a restart of the local database: the next pull asks from there, not from 0', async () => {
    const before = memberReplica().cursor;
    const replica = Replica.open(local.reopen(), { orgId: world.orgId, userId: world.actors.member.userId });
    expect(replica.cursor).toBe(before);
    expect(replica.list('conversation', world.projectId)).toHaveLength(2);

    requested.length = 0;
    const result = await memberPuller(replica).pull();
    expect(result).toMatchObject({ ok: true, pages: 1, change: { kinds: [] } });
    const feedCalls = requested.filter((url) => url.includes('/changes?'));
    expect(feedCalls).toHaveLength(1);
    expect(new URL(feedCalls[0] ?? '').searchParams.get('since')).toBe(String(before));
    expect(requested.filter((url) => url.endsWith('/auth/access'))).toHaveLength(1);
  });

  it('follows pages until the feed says there are no more', async () => {
    const replica = memberReplica();
    const owner = world.client('owner');
    for (let i = 0; i < 5; i += 1) await created(owner('conversation.create', { params: { id: world.projectId }, body: { title: `Topic ${i}` } }));
    requested.length = 0;
    const result = await memberPuller(replica, { pageLimit: 2 }).pull();
    expect(result.ok).toBe(true);
    expect(result.pages).toBeGreaterThanOrEqual(3);
    expect(requested.filter((url) => url.includes('/changes?'))).toHaveLength(result.pages);
    expect(replica.list('conversation', world.projectId)).toHaveLength(7);
  });

  it('pulls when the server says the feed advanced past its cursor, and reads the roles only when access changed', async () => {
    const replica = memberReplica();
    const puller = memberPuller(replica);
    const changed: DirectoryChange[] = [];
    puller.onChange((change) => changed.push(change));
    puller.start();
    await waitFor(() => replica.lastSyncAt !== null && !puller.status().pulling, 'the pull at start');
    requested.length = 0;

    // A notice of a cursor the replica holds already asks for nothing.
    puller.notified(replica.cursor, false);
    expect(requested).toEqual([]);

    const id = await created(world.as('owner')('POST', `/projects/${world.projectId}/conversations`, { body: { title: 'Told' } }));
    const head = (await server.request<{ cursor: number }>('GET', '/changes?since=0', { token: world.actors.owner.token })).body.cursor;
    puller.notified(head, false);
    await waitFor(() => replica.get('conversation', id) !== undefined, 'the conversation it was told of');
    await waitFor(() => !puller.status().pulling, 'the pull');
    expect(requested.filter((url) => url.endsWith('/auth/access'))).toEqual([]);
    expect(changed.at(-1)?.changedDocuments).toEqual([`conversation:${id}`]);

    // The member's own role changes: the feed says so, and the roles are read again.
    requested.length = 0;
    await created(world.as('owner')('PUT', `/projects/${world.projectId}/members/${world.actors.member.userId}`, { body: { role: 'editor' } }));
    try {
      puller.notified(replica.cursor, true);
      await waitFor(() => replica.myRoles().projects[world.projectId] === 'editor', 'the new role');
      expect(changed.at(-1)?.rolesChanged).toBe(true);
    } finally {
      await created(world.as('owner')('PUT', `/projects/${world.projectId}/members/${world.actors.member.userId}`, { body: { role: 'member' } }));
      await puller.stop();
    }
    expect(requested.filter((url) => url.endsWith('/auth/access'))).toHaveLength(1);
  });

  it('keeps pulling and notifying when a listener throws, and reports the failure', async () => {
    const replica = memberReplica();
    const puller = memberPuller(replica);
    const seen: DirectoryChange[] = [];
    puller.onChange(() => {
      throw new Error('listener bug');
    });
    puller.onChange((change) => seen.push(change));
    const reported = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const id = await created(world.client('owner')('conversation.create', { params: { id: world.projectId }, body: { title: 'Noisy' } }));
      const result = await puller.pull();
      expect(result.ok).toBe(true);
      expect(replica.get('conversation', id)).toBeDefined();
      expect(seen).toHaveLength(1);
      expect(reported).toHaveBeenCalledWith('A replica listener failed:', expect.any(Error));
    } finally {
      reported.mockRestore();
    }
  });

  it('applies tombstones: removed from alpha, the member loses alpha, its conversations and their search rows', async () => {
    const replica = memberReplica();
    const puller = memberPuller(replica);
    const changes: DirectoryChange[] = [];
    puller.onChange((change) => changes.push(change));
    expect(replica.messages.search(world.projectId, 'launch', 10)).toHaveLength(1);

    const removed = await world.client('owner')('project.member.remove', { params: { id: world.projectId, uid: world.actors.member.userId } });
    expect(removed.status).toBe(204);
    const result = await puller.pull();
    expect(result.ok).toBe(true);
    expect(replica.get('project', world.projectId)).toBeUndefined();
    expect(replica.list('conversation', world.projectId)).toEqual([]);
    expect(replica.messages.search(world.projectId, 'launch', 10)).toEqual([]);
    const rows = local.db.prepare('SELECT COUNT(*) AS n FROM search_messages WHERE project_id = ?').get(world.projectId) as { n: number };
    expect(rows.n).toBe(0);
    expect(changes).toHaveLength(1);
    expect(changes[0]?.droppedProjectIds).toEqual([world.projectId]);
    expect(changes[0]?.droppedConversationIds).toEqual(expect.arrayContaining(alphaConversations));
    expect(changes[0]?.rolesChanged).toBe(true);
    expect(replica.myRoles().projects[world.projectId]).toBeUndefined();
  });

  it('refreshes the stored roles after a pull that brought changes: member → viewer', async () => {
    const replica = memberReplica();
    const added = await world.client('owner')('project.member.add', { params: { id: world.projectId }, body: { userId: world.actors.member.userId, role: 'member' } });
    expect(added.status).toBeLessThan(300);
    await memberPuller(replica).pull();
    expect(replica.myRoles().projects[world.projectId]).toBe('member');
    expect(replica.get('project', world.projectId)).toBeDefined();

    const demoted = await world.client('owner')('project.member.update', { params: { id: world.projectId, uid: world.actors.member.userId }, body: { role: 'viewer' } });
    expect(demoted.status).toBe(200);
    const result = await memberPuller(replica).pull();
    expect(result.ok && result.change.rolesChanged).toBe(true);
    expect(replica.myRoles().projects[world.projectId]).toBe('viewer');
  });

  it('reports a refused credential as unauthenticated and leaves the replica alone', async () => {
    const replica = memberReplica();
    const cursor = replica.cursor;
    const statuses: PullerStatus[] = [];
    const puller = new ChangeFeedPuller({ replica, client: clientOf({ token: () => 'qs_not-a-real-token' }) });
    puller.onStatus((status) => statuses.push(status));
    const result = await puller.pull();
    expect(result).toMatchObject({ ok: false, reason: 'unauthenticated' });
    expect(puller.status()).toMatchObject({ unauthenticated: true, online: true });
    expect(statuses.at(-1)?.unauthenticated).toBe(true);
    expect(replica.cursor).toBe(cursor);
    expect(replica.get('project', world.projectId)).toBeDefined();
  });

  it('reports a failing server (5xx) as offline and leaves the replica alone', async () => {
    const replica = memberReplica();
    const cursor = replica.cursor;
    const failing: typeof fetch = async () => Response.json({ error: { code: 'internal', message: 'down for maintenance' } }, { status: 503 });
    const puller = new ChangeFeedPuller({ replica, client: clientOf({ fetch: failing }) });
    const result = await puller.pull();
    expect(result).toMatchObject({ ok: false, reason: 'offline' });
    expect(puller.status().online).toBe(false);
    expect(replica.cursor).toBe(cursor);
  });

  it('reports an answer the change feed contract does not describe as invalid, and leaves the replica alone', async () => {
    const replica = memberReplica();
    const cursor = replica.cursor;
    const odd: typeof fetch = async () => Response.json({ changes: 'all of them', cursor: -1 });
    const result = await new ChangeFeedPuller({ replica, client: clientOf({ fetch: odd }) }).pull();
    expect(result).toMatchObject({ ok: false, reason: 'invalid-response', pages: 0 });
    expect(replica.cursor).toBe(cursor);
  });

  it('rejects a pull only for a local database failure, which also shows in the status', async () => {
    const broken = tempLocalDatabase();
    try {
      const replica = Replica.open(broken.db, { orgId: world.orgId, userId: world.actors.member.userId });
      const puller = memberPuller(replica, { retryMs: 10 });
      broken.db.close();
      await expect(puller.pull()).rejects.toThrow(/not open/);
      expect(puller.status().lastError).toMatch(/local replica could not be updated/);
      expect(puller.status().pulling).toBe(false);
      // In the background the same failure ends in the status, never in an unhandled rejection.
      puller.start();
      await puller.stop();
    } finally {
      broken.dispose();
    }
  });

  it('starts over from a snapshot when the server no longer knows the cursor', async () => {
    const replica = memberReplica();
    const ahead = replica.cursor + 1_000_000;
    replica.apply([], ahead);
    requested.length = 0;
    const result = await memberPuller(replica).pull();
    expect(result.ok).toBe(true);
    const sinces = requested.filter((url) => url.includes('/changes?')).map((url) => new URL(url).searchParams.get('since'));
    expect(sinces).toEqual([String(ahead), '0']);
    expect(replica.cursor).toBeLessThan(ahead);
    expect(replica.get('project', world.projectId)).toBeDefined();
  });

  it('serves pulls asked for during a pull with one more pull, shared by every caller', async () => {
    const puller = memberPuller(memberReplica());
    requested.length = 0;
    const first = puller.pull();
    const second = puller.pull();
    const third = puller.pull();
    expect(second).toBe(third);
    expect((await Promise.all([first, second])).map((r) => r.ok)).toEqual([true, true]);
    expect(requested.filter((url) => url.includes('/changes?'))).toHaveLength(2);
  });

  it('with the server stopped: reads still answer from the replica, and the pull reports offline', async () => {
    const replica = memberReplica();
    const puller = memberPuller(replica, {}, { timeoutMs: 2000 });
    await server.stop();
    const result = await puller.pull();
    expect(result).toMatchObject({ ok: false, reason: 'offline' });
    expect(puller.status()).toMatchObject({ online: false, pulling: false });
    expect(replica.get('project', world.projectId)?.name).toBe('Alpha');
    expect(replica.list('conversation', world.projectId).length).toBeGreaterThan(0);
    expect(replica.myRoles().projects[world.projectId]).toBe('viewer');
  });
});
