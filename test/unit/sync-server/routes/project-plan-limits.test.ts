import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Project } from '../../../../shared/domain/project';
import { emptyWorkgroupSettings } from '../../../../shared/domain/workgroup';
import { newEntityId } from '../../../../shared/domain/new-entity-id';
import { errorOf, ok } from '../support/project-fixtures';
import { startTestServer } from '../support/test-server';
import type { TestServer } from '../support/test-server';
import { inviteAndJoin, signup } from '../support/world';
import type { Actor } from '../support/world';

// An organization on the free plan: one project (its default one), two members per project, no
// enforced models and tools, no cross-workgroup sharing.
let server: TestServer;
let solo: Actor;
let orgId: string;
let defaultProjectId: string;
const people: Actor[] = [];

beforeAll(async () => {
  server = await startTestServer({ defaultPlan: 'free' });
  const created = await signup(server, 'solo', 'Tiny');
  solo = created.actor;
  orgId = created.session.organization.id;
  expect(created.session.organization.plan).toBe('free');
  for (const name of ['a', 'b', 'c']) {
    people.push((await inviteAndJoin(server, solo.token, name, { kind: 'organization', role: 'member' })).actor);
  }
  const projects = await ok<{ items: Project[] }>(server.request('GET', '/projects', { token: solo.token }), 'list');
  defaultProjectId = projects.items[0]?.id ?? '';
});

afterAll(async () => {
  await server.dispose();
});

const as = (method: string, path: string, body?: unknown) => server.request(method, path, { token: solo.token, body });

function expectLimit(res: { status: number; body: unknown }, limit: string): void {
  expect(res.status, JSON.stringify(res.body)).toBe(402);
  expect(errorOf(res).code).toBe('plan_limit');
  // The feature is named in words, never by the limit's identifier.
  const words: Readonly<Record<string, string>> = {
    projects: 'allows 1 project',
    membersPerProject: 'members per project',
    enforcedModelsAndTools: 'enforced models and tools',
    crossWorkgroupSharing: 'cross-workgroup sharing',
  };
  expect(errorOf(res).message).toContain(words[limit]);
  expect(errorOf(res).message).not.toContain(limit);
}

describe('plan limits on the free plan', () => {
  it('counts the default project: a second project answers 402 naming the projects limit', async () => {
    expectLimit(await as('POST', '/projects', { name: 'One too many' }), 'projects');
    const count = server.server.services.db.prepare('SELECT COUNT(*) AS n FROM projects WHERE org_id = ?').get(orgId);
    expect(count).toEqual({ n: 1 });
  });

  it('allows two members per project, answers 402 for a third, and still lets an existing member change role', async () => {
    const [a, b, c] = people as [Actor, Actor, Actor];
    expect((await as('POST', `/projects/${defaultProjectId}/members`, { userId: a.userId, role: 'viewer' })).status).toBe(200);
    expect((await as('POST', `/projects/${defaultProjectId}/members`, { userId: b.userId, role: 'viewer' })).status).toBe(200);
    expectLimit(await as('POST', `/projects/${defaultProjectId}/members`, { userId: c.userId, role: 'viewer' }), 'membersPerProject');
    expectLimit(await as('POST', `/projects/${defaultProjectId}/transfer-ownership`, { userId: c.userId }), 'membersPerProject');
    const update = await as('POST', `/projects/${defaultProjectId}/members`, { userId: a.userId, role: 'editor' });
    expect(update.status).toBe(200);
    expect(update.body).toMatchObject({ directRole: 'editor' });
    expect((await as('PUT', `/projects/${defaultProjectId}/members/${b.userId}`, { role: 'member' })).status).toBe(200);
    const denied = server.server.services.db
      .prepare("SELECT COUNT(*) AS n FROM audit_events WHERE org_id = ? AND outcome = 'denied' AND action = 'project.member.add'")
      .get(orgId);
    expect(denied).toEqual({ n: 1 });
  });

  it('answers 402 for setting a model lock or tool allowlist, while other settings stay editable', async () => {
    const base = { systemPromptOverride: null, modelLock: null, toolAllowlist: null, knowledgeBaseIds: [], defaultModelId: null };
    expectLimit(await as('PUT', `/projects/${defaultProjectId}/config`, { ...base, toolAllowlist: ['search'] }), 'enforcedModelsAndTools');
    expectLimit(await as('PUT', `/projects/${defaultProjectId}/config`, { ...base, toolAllowlist: [] }), 'enforcedModelsAndTools');
    expect((await as('PUT', `/projects/${defaultProjectId}/config`, { ...base, systemPromptOverride: 'Hi.' })).status).toBe(200);
  });

  it('keeps an allowlist set before a downgrade, with the other settings editable and the allowlist removable', async () => {
    const db = server.server.services.db;
    db.prepare('UPDATE projects SET config = json_set(config, ?, json(?)) WHERE id = ?').run('$.toolAllowlist', '["search"]', defaultProjectId);
    const base = { systemPromptOverride: 'Changed.', modelLock: null, knowledgeBaseIds: [], defaultModelId: null };
    expect((await as('PUT', `/projects/${defaultProjectId}/config`, { ...base, toolAllowlist: ['search'] })).status).toBe(200);
    expectLimit(await as('PUT', `/projects/${defaultProjectId}/config`, { ...base, toolAllowlist: ['search', 'calc'] }), 'enforcedModelsAndTools');
    expect((await as('PUT', `/projects/${defaultProjectId}/config`, { ...base, toolAllowlist: null })).status).toBe(200);
  });

  it('lets a project into one workgroup but answers 402 for sharing it into a second', async () => {
    // The free plan cannot create workgroups; these stand for ones made before a downgrade.
    const db = server.server.services.db;
    const at = new Date().toISOString();
    const ids = [newEntityId('wg'), newEntityId('wg')];
    for (const id of ids) {
      db.prepare('INSERT INTO workgroups (id, org_id, name, description, settings, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
        id,
        orgId,
        `Old ${id}`,
        '',
        JSON.stringify(emptyWorkgroupSettings()),
        at,
        at,
      );
    }
    const [first, second] = ids as [string, string];
    expect((await as('PATCH', `/projects/${defaultProjectId}`, { primaryWorkgroupId: first })).status).toBe(200);
    expectLimit(await as('PATCH', `/projects/${defaultProjectId}`, { sharedWorkgroupIds: [second] }), 'crossWorkgroupSharing');
    // Moving to another single workgroup is not sharing.
    const moved = await as('PATCH', `/projects/${defaultProjectId}`, { primaryWorkgroupId: second });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ primaryWorkgroupId: second, sharedWorkgroupIds: [] });
  });
});
