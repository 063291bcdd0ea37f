import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Conversation } from '../../../../shared/domain/conversation';
import type { ModelEntry } from '../../../../shared/domain/model-entry';
import { ChangePage } from '../../../../shared/rest/change-endpoints';
import type { Change } from '../../../../shared/rest/change-endpoints';
import { startTestServer } from '../support/test-server';
import type { TestServer } from '../support/test-server';
import { createWorld } from '../support/world';
import type { World, WorldRole } from '../support/world';

let server: TestServer;
let world: World;
let sharedConversation: Conversation;
let personalConversation: Conversation;
let privateModel: ModelEntry;

async function created<T>(res: Promise<{ status: number; body: unknown }>): Promise<T> {
  const r = await res;
  if (r.status !== 201) throw new Error(`expected 201, got ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as T;
}

beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server);
  const alpha = `/projects/${world.projectId}/conversations`;
  sharedConversation = await created(world.as('member')('POST', alpha, { body: { title: 'Standup', kind: 'shared' } }));
  personalConversation = await created(world.as('member')('POST', alpha, { body: { title: 'Notes', kind: 'personal' } }));
  privateModel = await created(
    world.client('editor')('model.create', { body: { name: 'Secret weights', provider: { baseUrl: 'http://127.0.0.1:11434/v1', model: 'llama3' } } }),
  );
});
afterAll(async () => {
  await server.dispose();
});

/** One page of the feed, checked against the contract's schema. */
async function page(role: WorldRole, since?: number, limit?: number): Promise<ChangePage> {
  const params = new URLSearchParams();
  if (since !== undefined) params.set('since', String(since));
  if (limit !== undefined) params.set('limit', String(limit));
  const res = await world.as(role)('GET', `/changes?${params.toString()}`);
  expect(res.status).toBe(200);
  return ChangePage.parse(res.body);
}

const ids = (changes: readonly Change[], kind: Change['kind'], op: Change['op']) =>
  changes.filter((c) => c.kind === kind && c.op === op).map((c) => c.id);

describe('initial sync', () => {
  it('gives a project member their project and its shared conversations, with full entities', async () => {
    const { changes, hasMore, cursor } = await page('viewer');
    expect(hasMore).toBe(false);
    expect(cursor).toBeGreaterThan(0);
    expect(ids(changes, 'project', 'upsert')).toContain(world.projectId);
    const alpha = changes.find((c) => c.kind === 'project' && c.id === world.projectId);
    expect(alpha).toMatchObject({ op: 'upsert', entity: { id: world.projectId, orgId: world.orgId, name: 'Alpha' } });
    expect(ids(changes, 'conversation', 'upsert')).toEqual([sharedConversation.id]);
    expect(ids(changes, 'organization', 'upsert')).toEqual([world.orgId]);
    expect(ids(changes, 'user', 'upsert')).toEqual(expect.arrayContaining([world.actors.owner.userId, world.actors.viewer.userId]));
    expect(changes.every((c) => c.op === 'upsert')).toBe(true);
  });

  it('gives an org member nothing of a project they hold no role on', async () => {
    const { changes } = await page('outsider');
    const text = JSON.stringify(changes);
    expect(text).not.toContain(world.projectId);
    expect(text).not.toContain(sharedConversation.id);
  });

  it("keeps a personal conversation with its creator, hidden even from org owners", async () => {
    expect(ids((await page('member')).changes, 'conversation', 'upsert')).toEqual(
      expect.arrayContaining([sharedConversation.id, personalConversation.id]),
    );
    for (const role of ['owner', 'admin', 'editor', 'viewer'] as const) {
      expect(JSON.stringify((await page(role)).changes), role).not.toContain(personalConversation.id);
    }
  });

  it("never puts a private model in anyone else's feed, org owners and admins included", async () => {
    expect(ids((await page('editor')).changes, 'model', 'upsert')).toEqual([privateModel.id]);
    for (const role of ['owner', 'admin', 'member', 'viewer', 'outsider', 'stranger'] as const) {
      expect(JSON.stringify((await page(role)).changes), role).not.toContain(privateModel.id);
    }
  });

  it('gives each person only their own API keys and, to admins, the pending invitations', async () => {
    const key = await created<{ id: string }>(world.client('viewer')('api-key.create', { body: { name: 'laptop' } }));
    expect(ids((await page('viewer')).changes, 'api-key', 'upsert')).toEqual([key.id]);
    expect(JSON.stringify((await page('owner')).changes)).not.toContain(key.id);
    const invitation = await created<{ id: string }>(
      world.client('owner')('invitation.create', { body: { email: 'later@example.test', target: { kind: 'organization', role: 'member' } } }),
    );
    expect(ids((await page('admin')).changes, 'invitation', 'upsert')).toContain(invitation.id);
    expect(JSON.stringify((await page('member')).changes)).not.toContain(invitation.id);
  });
});

describe('isolation', () => {
  it("never gives the stranger an id of the other organization, initially or incrementally", async () => {
    const first = await page('stranger');
    expect(ids(first.changes, 'project', 'upsert')).toContain(world.strangerProjectId);
    await world.client('owner')('project.patch', { params: { id: world.projectId }, body: { description: 'touched for the feed' } });
    await world.client('owner')('conversation.create', { params: { id: world.projectId }, body: { title: 'More' } });
    const next = await page('stranger', first.cursor);
    const secrets = [
      world.orgId,
      world.projectId,
      world.defaultProjectId,
      sharedConversation.id,
      privateModel.id,
      ...(['owner', 'admin', 'editor', 'member', 'viewer', 'outsider'] as const).map((r) => world.actors[r].userId),
    ];
    for (const changes of [first.changes, next.changes]) {
      const text = JSON.stringify(changes);
      for (const id of secrets) expect(text).not.toContain(id);
    }
  });

  it('numbers each organization\'s changes on their own, so a cursor tells nothing of how busy another one is', async () => {
    const before = await page('stranger');
    const otherBefore = await page('owner');
    for (const title of ['Busy 1', 'Busy 2', 'Busy 3', 'Busy 4', 'Busy 5']) {
      await world.client('owner')('conversation.create', { params: { id: world.projectId }, body: { title } });
    }
    const after = await page('stranger', before.cursor);
    expect(after).toEqual({ changes: [], cursor: before.cursor, hasMore: false, access: false });
    // The busy organization's own cursor moved on by its own changes.
    expect((await page('owner', otherBefore.cursor)).cursor).toBeGreaterThan(otherBefore.cursor);
    // One change of the stranger's own moves their cursor by exactly one.
    await world.client('stranger')('project.patch', { params: { id: world.strangerProjectId }, body: { description: 'one change' } });
    expect((await page('stranger', before.cursor)).cursor).toBe(before.cursor + 1);
  });
});

describe('incremental pages', () => {
  it('resumes from the cursor without repeating what was already sent', async () => {
    const start = await page('editor');
    const quiet = await page('editor', start.cursor);
    expect(quiet.changes).toEqual([]);
    expect(quiet.cursor).toBe(start.cursor);

    await world.client('owner')('project.patch', { params: { id: world.projectId }, body: { name: 'Alpha Prime' } });
    const titles = ['One', 'Two', 'Three'];
    const made: string[] = [];
    for (const title of titles) {
      made.push((await created<Conversation>(world.client('editor')('conversation.create', { params: { id: world.projectId }, body: { title } }))).id);
    }
    const seen: Change[] = [];
    let cursor = start.cursor;
    let pages = 0;
    for (;;) {
      const next = await page('editor', cursor, 1);
      seen.push(...next.changes);
      expect(next.cursor).toBeGreaterThanOrEqual(cursor);
      cursor = next.cursor;
      pages++;
      if (!next.hasMore) break;
    }
    expect(pages).toBeGreaterThan(1);
    const project = seen.filter((c) => c.kind === 'project');
    expect(project).toEqual([expect.objectContaining({ id: world.projectId, op: 'upsert', entity: expect.objectContaining({ name: 'Alpha Prime' }) })]);
    expect(ids(seen, 'conversation', 'upsert')).toEqual(made);
    expect((await page('editor', cursor)).changes).toEqual([]);
  });

  it('sends an entity touched several times once, as it is now', async () => {
    const start = await page('viewer');
    for (const name of ['A1', 'A2', 'A3']) {
      await world.client('owner')('project.patch', { params: { id: world.projectId }, body: { name } });
    }
    const next = await page('viewer', start.cursor);
    const project = next.changes.filter((c) => c.kind === 'project');
    expect(project).toHaveLength(1);
    expect(project[0]).toMatchObject({ op: 'upsert', entity: { name: 'A3' } });
  });

  it('refuses a malformed cursor or one from the future with 400', async () => {
    const { cursor } = await page('viewer');
    for (const since of ['abc', '-1', '1.5', '', '1e3', String(cursor + 1000)]) {
      const res = await world.client('viewer')('change.list', { query: { since: String(since) } });
      expect(res.status, since).toBe(400);
      expect((res.body as { error: { field?: string } }).error.field, since).toBe('since');
    }
    for (const limit of ['0', '1001', 'x']) {
      expect((await world.client('viewer')('change.list', { query: { limit: String(limit) } })).status, limit).toBe(400);
    }
    expect((await world.as('viewer')('GET', '/changes?cursor=1')).status).toBe(400);
    expect((await server.request('GET', '/changes')).status).toBe(401);
  });
});

describe('access changes', () => {
  it('tombstones a project and its conversations for someone removed from it, once', async () => {
    const before = await page('viewer');
    expect(ids(before.changes, 'project', 'upsert')).toContain(world.projectId);
    const removed = await world.client('owner')('project.member.remove', { params: { id: world.projectId, uid: world.actors.viewer.userId } });
    expect(removed.status).toBe(204);
    const after = await page('viewer', before.cursor);
    expect(ids(after.changes, 'project', 'delete')).toEqual([world.projectId]);
    expect(ids(after.changes, 'conversation', 'delete')).toEqual(expect.arrayContaining([sharedConversation.id]));
    expect(JSON.stringify(after.changes.filter((c) => c.op === 'upsert'))).not.toContain(world.projectId);

    // The grant is gone: later changes to the project are not news to them any more.
    await world.client('owner')('project.patch', { params: { id: world.projectId }, body: { description: 'after the removal' } });
    const later = await page('viewer', after.cursor);
    expect(JSON.stringify(later.changes)).not.toContain(world.projectId);
  });

  it('sends everything newly visible to someone added to a project, but not its personal conversations', async () => {
    const before = await page('outsider');
    const added = await world.client('owner')('project.member.add', { params: { id: world.projectId }, body: { userId: world.actors.outsider.userId, role: 'viewer' } });
    expect(added.status).toBeLessThan(300);
    const after = await page('outsider', before.cursor);
    expect(ids(after.changes, 'project', 'upsert')).toContain(world.projectId);
    expect(ids(after.changes, 'conversation', 'upsert')).toContain(sharedConversation.id);
    expect(JSON.stringify(after.changes)).not.toContain(personalConversation.id);
  });

  it('tombstones a deleted project for those who held it, and tells nobody else', async () => {
    const doomed = await created<{ id: string }>(world.client('owner')('project.create', { body: { name: 'Doomed' } }));
    const ownerStart = await page('owner');
    const memberStart = await page('member');
    expect(ids(ownerStart.changes, 'project', 'upsert')).toContain(doomed.id);
    expect(JSON.stringify(memberStart.changes)).not.toContain(doomed.id);
    expect((await world.client('owner')('project.delete', { params: { id: doomed.id } })).status).toBe(204);
    expect(ids((await page('owner', ownerStart.cursor)).changes, 'project', 'delete')).toEqual([doomed.id]);
    expect(JSON.stringify((await page('member', memberStart.cursor)).changes)).not.toContain(doomed.id);
  });
});
