import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Replica } from '../../../../main/replica/replica';
import { conversationUpsert, organizationUpsert, projectUpsert, tempLocalDatabase, testId, tombstone } from './support/replica-entities';

const orgId = testId('org', 1);
const userId = testId('usr', 1);
const alpha = testId('prj', 1);
const beta = testId('prj', 2);
const message = (n: number, text: string) => ({ id: testId('msg', n), author: userId, createdAt: `2025-02-01T10:00:0${n % 10}.000Z`, text });

let local: ReturnType<typeof tempLocalDatabase>;
let replica: Replica;

beforeEach(() => {
  local = tempLocalDatabase();
  replica = Replica.open(local.db, { orgId, userId });
});
afterEach(() => local.dispose());

function seed(): void {
  replica.apply(
    [
      organizationUpsert(orgId),
      projectUpsert(orgId, alpha, 'Alpha'),
      projectUpsert(orgId, beta, 'Beta'),
      conversationUpsert(alpha, testId('cnv', 1), 'Launch plan'),
      conversationUpsert(alpha, testId('cnv', 2), 'Hiring'),
      conversationUpsert(beta, testId('cnv', 3), 'Budget'),
    ],
    10,
  );
  replica.messages.index(testId('cnv', 1), alpha, [message(1, 'the launch is on friday'), message(2, 'launch checklist ready')]);
  replica.messages.index(testId('cnv', 2), alpha, [message(3, 'we are hiring a launch engineer')]);
  replica.messages.index(testId('cnv', 3), beta, [message(4, 'launch budget for beta')]);
}

describe('Replica', () => {
  it('stores upserts with the cursor, lists by kind and by project, and reports the kinds that changed', () => {
    expect(replica.cursor).toBe(0);
    seed();
    expect(replica.cursor).toBe(10);
    expect(replica.lastSyncAt).not.toBeNull();
    expect(replica.list('project').map((p) => p.name)).toEqual(['Alpha', 'Beta']);
    expect(replica.list('conversation', alpha).map((c) => c.title).sort()).toEqual(['Hiring', 'Launch plan']);
    expect(replica.list('conversation', beta).map((c) => c.title)).toEqual(['Budget']);
    expect(replica.get('project', alpha)?.name).toBe('Alpha');
    expect(replica.get('project', testId('prj', 9))).toBeUndefined();

    const same = replica.apply([projectUpsert(orgId, alpha, 'Alpha')], 11);
    expect(same.changedKinds).toEqual([]);
    const renamed = replica.apply([projectUpsert(orgId, alpha, 'Alpha two')], 12);
    expect(renamed.changedKinds).toEqual(['project']);
    expect(replica.get('project', alpha)?.name).toBe('Alpha two');
  });

  it("drops a project with its conversations and their search rows, and names the dropped conversations", () => {
    seed();
    expect(replica.messages.search(alpha, 'launch', 10)).toHaveLength(3);
    const result = replica.apply([tombstone('project', alpha)], 20);
    expect(result.changedKinds.sort()).toEqual(['conversation', 'project']);
    expect(result.droppedProjectIds).toEqual([alpha]);
    expect(result.droppedConversationIds.sort()).toEqual([testId('cnv', 1), testId('cnv', 2)]);
    expect(replica.list('project').map((p) => p.id)).toEqual([beta]);
    expect(replica.list('conversation', alpha)).toEqual([]);
    expect(replica.messages.search(alpha, 'launch', 10)).toEqual([]);
    expect(replica.messages.search(beta, 'launch', 10)).toHaveLength(1);
    const rows = local.db.prepare('SELECT COUNT(*) AS n FROM search_messages WHERE project_id = ?').get(alpha) as { n: number };
    expect(rows.n).toBe(0);
  });

  it('drops a conversation with its search rows', () => {
    seed();
    const result = replica.apply([tombstone('conversation', testId('cnv', 2))], 20);
    expect(result.droppedConversationIds).toEqual([testId('cnv', 2)]);
    expect(replica.messages.search(alpha, 'hiring', 10)).toEqual([]);
    expect(replica.messages.search(alpha, 'launch', 10)).toHaveLength(2);
  });

  it('ignores a tombstone for something it never held', () => {
    seed();
    const result = replica.apply([tombstone('project', testId('prj', 7))], 20);
    expect(result).toEqual({ changedKinds: [], dropped: [], droppedConversationIds: [], droppedProjectIds: [], changedDocuments: [] });
    expect(replica.cursor).toBe(20);
  });

  it('applies a page all or nothing: a failure keeps the cursor and the entities as they were', () => {
    seed();
    const broken = { kind: 'project', id: beta, op: 'upsert', entity: { id: beta, toJSON: () => undefined } } as never;
    expect(() => replica.apply([tombstone('project', alpha), broken], 30)).toThrow();
    expect(replica.cursor).toBe(10);
    expect(replica.list('project')).toHaveLength(2);
    expect(replica.messages.search(alpha, 'launch', 10)).toHaveLength(3);
  });

  it('treats a snapshot page as everything: what it lacks is dropped', () => {
    seed();
    const result = replica.apply([organizationUpsert(orgId), projectUpsert(orgId, beta, 'Beta'), conversationUpsert(beta, testId('cnv', 3), 'Budget')], 40, {
      snapshot: true,
    });
    expect(result.droppedProjectIds).toEqual([alpha]);
    expect(replica.list('project').map((p) => p.id)).toEqual([beta]);
    expect(replica.list('conversation').map((c) => c.id)).toEqual([testId('cnv', 3)]);
  });

  it('losing the organization empties the replica', () => {
    seed();
    const result = replica.apply([tombstone('organization', orgId)], 50);
    expect(result.droppedProjectIds.sort()).toEqual([alpha, beta]);
    for (const kind of ['organization', 'project', 'conversation'] as const) expect(replica.list(kind)).toEqual([]);
    expect(local.db.prepare('SELECT COUNT(*) AS n FROM search_messages').get()).toEqual({ n: 0 });
  });

  it('stores the caller’s roles and says when they changed', () => {
    expect(replica.myRoles()).toEqual({ orgRole: null, projects: {}, workgroups: {} });
    const roles = { orgRole: 'member' as const, projects: { [alpha]: 'member' as const }, workgroups: {} };
    expect(replica.setRoles(roles)).toBe(true);
    expect(replica.setRoles(roles)).toBe(false);
    expect(replica.myRoles()).toEqual(roles);
    expect(replica.setRoles({ ...roles, projects: { [alpha]: 'viewer' } })).toBe(true);
    expect(replica.myRoles().projects[alpha]).toBe('viewer');
  });

  it('survives reopening the database, and starts over when another user opens the organization', () => {
    seed();
    replica.setRoles({ orgRole: 'member', projects: { [alpha]: 'member' }, workgroups: {} });
    const replicaId = replica.replicaId;
    const again = Replica.open(local.reopen(), { orgId, userId });
    expect(again.cursor).toBe(10);
    expect(again.replicaId).toBe(replicaId);
    expect(again.list('project')).toHaveLength(2);
    expect(again.myRoles().orgRole).toBe('member');
    expect(again.messages.search(alpha, 'launch', 10)).toHaveLength(3);

    const other = Replica.open(local.db, { orgId, userId: testId('usr', 2) });
    expect(other.cursor).toBe(0);
    expect(other.replicaId).not.toBe(replicaId);
    expect(other.list('project')).toEqual([]);
    expect(other.myRoles()).toEqual({ orgRole: null, projects: {}, workgroups: {} });
    expect(other.messages.search(alpha, 'launch', 10)).toEqual([]);
  });

  it('purges everything of the organization on request', () => {
    seed();
    const result = replica.purge();
    expect(result.droppedConversationIds).toHaveLength(3);
    expect(replica.cursor).toBe(0);
    expect(replica.list('project')).toEqual([]);
  });
});
