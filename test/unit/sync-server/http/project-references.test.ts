import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelEntry } from '../../../../shared/domain/model-entry';
import type { Project } from '../../../../shared/domain/project';
import type { Workgroup } from '../../../../shared/domain/workgroup';
import { startTestServer } from '../support/test-server';
import type { TestServer } from '../support/test-server';
import { createWorld } from '../support/world';
import type { World } from '../support/world';

let server: TestServer;
let world: World;

beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server);
});

afterAll(async () => {
  await server.dispose();
});

const errorOf = (body: unknown) => (body as { error: { code: string; field?: string; message: string } }).error;

describe('projects addressed by canonical name', () => {
  it('reads, lists the members of and edits a project by its canonical name as by its id', async () => {
    const byName = await world.as('editor')('GET', '/projects/alpha');
    expect(byName.status).toBe(200);
    expect((byName.body as Project).id).toBe(world.projectId);
    const members = await world.as('editor')('GET', '/projects/alpha/members');
    expect(members.status).toBe(200);
    expect(JSON.stringify(members.body)).toContain(world.actors.viewer.userId);
    const patched = await world.as('owner')('PATCH', '/projects/alpha', { body: { description: 'Named, not numbered' } });
    expect(patched.status).toBe(200);
    expect((await world.as('owner')('GET', `/projects/${world.projectId}`)).body).toMatchObject({ description: 'Named, not numbered' });
  });

  it('takes a canonical name in a body projectId at any depth and in a query projectId, storing the id', async () => {
    const registered = await world.as('owner')('POST', '/model-registry', {
      body: { name: 'Named scope', provider: { baseUrl: 'http://127.0.0.1:9/v1', model: 'm' }, visibility: { level: 'project', projectId: 'alpha' } },
    });
    expect(registered.status).toBe(201);
    expect((registered.body as ModelEntry).visibility).toEqual({ level: 'project', projectId: world.projectId });
    const listed = await world.as('editor')('GET', '/agent-registry?projectId=alpha');
    expect(listed.status).toBe(200);
    const byId = await world.as('editor')('GET', `/agent-registry?projectId=${world.projectId}`);
    expect(listed.body).toEqual(byId.body);
  });

  it('answers 404 for a name that names nothing, a project of another organization, and a project the caller cannot see', async () => {
    expect((await world.as('editor')('GET', '/projects/no-such-project')).status).toBe(404);
    // The stranger's project is named `secret` in their organization, not in this one.
    expect((await world.as('stranger')('GET', '/projects/secret')).status).toBe(200);
    expect((await world.as('owner')('GET', '/projects/secret')).status).toBe(404);
    expect((await world.as('outsider')('GET', '/projects/alpha')).status).toBe((await world.as('outsider')('GET', '/projects/no-such-project')).status);
    expect((await world.as('outsider')('GET', '/projects/alpha')).status).toBe(404);
    const badBody = await world.as('owner')('POST', '/model-registry', {
      body: { name: 'Nowhere', provider: { baseUrl: 'http://127.0.0.1:9/v1', model: 'm' }, visibility: { level: 'project', projectId: 'nowhere' } },
    });
    expect(badBody.status).toBe(404);
    expect((await world.as('editor')('GET', '/agent-registry?projectId=nowhere')).status).toBe(404);
  });

  it('leaves what is neither an id nor a canonical name to the schemas: 404 in the path, 400 naming the field elsewhere', async () => {
    expect((await world.as('owner')('GET', '/projects/Alpha')).status).toBe(404);
    expect((await world.as('owner')('GET', '/projects/alpha--x')).status).toBe(404);
    const res = await world.as('owner')('GET', '/agent-registry?projectId=Alpha_1');
    expect(res.status).toBe(400);
    expect(errorOf(res.body).field).toBe('projectId');
    const nested = await world.as('owner')('POST', '/model-registry', {
      body: { name: 'Typed', provider: { baseUrl: 'http://127.0.0.1:9/v1', model: 'm' }, visibility: { level: 'project', projectId: 42 } },
    });
    expect(nested.status).toBe(400);
  });
});

describe('the default project', () => {
  it('is `default` in every organization, keeps that name, and no other project takes it', async () => {
    const own = await world.as('owner')('GET', '/projects/default');
    expect((own.body as Project).id).toBe(world.defaultProjectId);
    expect(((await world.as('stranger')('GET', '/projects/default')).body as Project).orgId).toBe(world.strangerOrgId);

    const rename = await world.as('owner')('PATCH', '/projects/default', { body: { canonicalName: 'general' } });
    expect(rename.status).toBe(409);
    expect(errorOf(rename.body).field).toBe('canonicalName');
    // Its display name still changes.
    expect((await world.as('owner')('PATCH', '/projects/default', { body: { description: 'Where things land' } })).status).toBe(200);

    const create = await world.as('owner')('POST', '/projects', { body: { name: 'Another default', canonicalName: 'default' } });
    expect(create.status).toBe(409);
    expect(errorOf(create.body).field).toBe('canonicalName');
    const take = await world.as('owner')('PATCH', '/projects/alpha', { body: { canonicalName: 'default' } });
    expect(take.status).toBe(409);
    expect(((await world.as('owner')('GET', '/projects/default')).body as Project).id).toBe(world.defaultProjectId);
  });

  it('is seen by every member of the organization, who may read it but not change it', async () => {
    const listed = (await world.as('outsider')('GET', '/projects')).body as { items: Project[] };
    expect(listed.items.map((p) => p.id)).toEqual([world.defaultProjectId]);
    expect((await world.as('outsider')('GET', '/projects/default')).status).toBe(200);
    expect((await world.as('outsider')('GET', '/projects/default/conversations')).status).toBe(200);
    expect((await world.as('outsider')('PATCH', '/projects/default', { body: { description: 'Mine now' } })).status).toBe(403);
    expect((await world.as('outsider')('GET', `/projects/${world.strangerProjectId}`)).status).toBe(404);
  });
});

describe('an optional project', () => {
  it('is the default project when a project scope names none: a registry entry, a knowledge base', async () => {
    const model = await world.as('owner')('POST', '/model-registry', {
      body: { name: 'Default scoped', provider: { baseUrl: 'http://127.0.0.1:9/v1', model: 'm' }, visibility: { level: 'project' } },
    });
    expect(model.status).toBe(201);
    expect((model.body as ModelEntry).visibility).toEqual({ level: 'project', projectId: world.defaultProjectId });
    const base = await world.as('owner')('POST', '/knowledge-bases', { body: { name: 'Handbook', owner: { kind: 'project' } } });
    expect(base.status).toBe(201);
    expect((base.body as { owner: unknown }).owner).toEqual({ kind: 'project', projectId: world.defaultProjectId });
  });
});

describe('GET /projects filters', () => {
  it('filters by metadata and by workgroup, every filter together', async () => {
    const workgroup = (await world.as('owner')('POST', '/workgroups', { body: { name: 'Search team' } })).body as Workgroup;
    const make = async (name: string, metadata: Record<string, unknown>, primaryWorkgroupId: string | null) =>
      ((await world.as('owner')('POST', '/projects', { body: { name, metadata, primaryWorkgroupId } })).body as Project).id;
    const ranking = await make('Ranking', { team: 'search', tier: 2 }, workgroup.id);
    const crawler = await make('Crawler', { team: 'search' }, null);
    await make('Billing', { team: 'payments' }, workgroup.id);

    const ids = async (query: string) => ((await world.as('owner')('GET', `/projects?${query}`)).body as { items: Project[] }).items.map((p) => p.id);
    expect(await ids('metadata.team=search')).toEqual([ranking, crawler]);
    expect(await ids(`metadata.team=search&workgroupId=${workgroup.id}`)).toEqual([ranking]);
    expect(await ids('metadata.tier=2')).toEqual([ranking]);
    expect(await ids('metadata.team=nobody')).toEqual([]);
    // A member sees only what they may see, filtered.
    const seen = ((await world.as('editor')('GET', '/projects?metadata.team=search')).body as { items: Project[] }).items;
    expect(seen).toEqual([]);
  });

  it.each([
    ['team=search', 'team'],
    ['metadata.Team=search', 'metadata.Team'],
    ['workgroupId=search', 'workgroupId'],
    [`metadata.team=${'x'.repeat(1001)}`, 'metadata.team'],
  ])('refuses the filter %s naming it', async (query, field) => {
    const res = await world.as('owner')('GET', `/projects?${query}`);
    expect(res.status).toBe(400);
    expect(errorOf(res.body).field).toBe(field);
  });
});
