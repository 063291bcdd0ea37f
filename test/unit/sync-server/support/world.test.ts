import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Project } from '../../../../shared/domain/project';
import type { Whoami } from '../../../../shared/rest/auth-endpoints';
import { startTestServer } from './test-server';
import type { TestServer } from './test-server';
import { createWorld, worldRoles } from './world';
import type { World } from './world';

let server: TestServer;
let world: World;

beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server);
});

afterAll(async () => {
  await server.dispose();
});

const expectedOrgRole = {
  owner: 'owner',
  admin: 'admin',
  editor: 'member',
  member: 'member',
  viewer: 'member',
  outsider: 'member',
  stranger: 'owner',
} as const;

const expectedAlphaRole = {
  owner: 'owner',
  admin: null,
  editor: 'editor',
  member: 'member',
  viewer: 'viewer',
  outsider: null,
  stranger: null,
} as const;

describe('createWorld', () => {
  it.each(worldRoles)('%s has the org role and organization the world promises', async (role) => {
    const res = await world.client(role)('auth.whoami');
    expect(res.status).toBe(200);
    const whoami = res.body as Whoami;
    expect(whoami.orgRole).toBe(expectedOrgRole[role]);
    expect(whoami.organization.id).toBe(role === 'stranger' ? world.strangerOrgId : world.orgId);
  });

  it.each(worldRoles)('%s has the direct role on alpha the world promises', (role) => {
    const row = server.server.services.db
      .prepare('SELECT role FROM project_members WHERE project_id = ? AND user_id = ?')
      .get(world.projectId, world.actors[role].userId) as { role: string } | undefined;
    expect(row?.role ?? null).toBe(expectedAlphaRole[role]);
  });

  it('gives the organization its default project and alpha, and the stranger a project of their own', async () => {
    const res = await world.client('owner')('project.list');
    const ids = (res.body as { items: Project[] }).items.map((p) => p.id);
    expect(ids).toEqual([world.defaultProjectId, world.projectId]);
    const stranger = await world.client('stranger')('project.list');
    expect((stranger.body as { items: Project[] }).items.map((p) => p.id)).toContain(world.strangerProjectId);
    expect(world.strangerProjectId).not.toBe(world.projectId);
  });
});

describe('createWorld with a tag', () => {
  it('builds a second world beside the first on the same server, with people and organizations of its own', async () => {
    const tagged = await createWorld(server, { tag: 'b' });
    expect(tagged.orgId).not.toBe(world.orgId);
    expect(tagged.strangerOrgId).not.toBe(world.strangerOrgId);
    for (const role of worldRoles) {
      expect(tagged.actors[role].email).toBe(`${role}-b@example.test`);
      expect(tagged.actors[role].userId).not.toBe(world.actors[role].userId);
      const whoami = (await tagged.as(role)('GET', '/auth/whoami')).body as Whoami;
      expect(whoami.organization.id).toBe(role === 'stranger' ? tagged.strangerOrgId : tagged.orgId);
    }
  });
});
