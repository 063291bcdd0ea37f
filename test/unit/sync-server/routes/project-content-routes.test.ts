import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Conversation } from '../../../../shared/domain/conversation';
import type { ProjectExport } from '../../../../shared/rest/project-export';
import type { ProjectSearchHit } from '../../../../shared/rest/project-search';
import { errorOf, freshProject, ok } from '../support/project-fixtures';
import { startTestServer } from '../support/test-server';
import type { TestServer } from '../support/test-server';
import { createWorld } from '../support/world';
import type { World, WorldRole } from '../support/world';

let server: TestServer;
let world: World;
let shared: Conversation;
let personal: Conversation;

beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server);
  shared = await ok<Conversation>(
    world.client('editor')('conversation.create', { params: { id: world.projectId }, body: { title: 'Quarterly Café planning', kind: 'shared' } }),
    'shared',
  );
  personal = await ok<Conversation>(
    world.client('member')('conversation.create', { params: { id: world.projectId }, body: { title: 'My private café notes', kind: 'personal' } }),
    'personal',
  );
});

afterAll(async () => {
  await server.dispose();
});

async function titles(role: WorldRole, projectId = world.projectId): Promise<string[]> {
  const res = await world.client(role)('conversation.list', { params: { id: projectId } });
  return (res.body as { items: Conversation[] }).items.map((c) => c.id);
}

async function search(role: WorldRole, q: string, projectId = world.projectId): Promise<ProjectSearchHit[]> {
  const res = await world.client(role)('project.search', { params: { id: projectId }, query: { q: String(encodeURIComponent(q)) } });
  expect(res.status).toBe(200);
  return (res.body as { items: ProjectSearchHit[] }).items;
}

describe('conversations', () => {
  it('creates a conversation with its creator, kind and project, audited and announced', async () => {
    expect(shared).toMatchObject({ projectId: world.projectId, kind: 'shared', createdBy: world.actors.editor.userId, title: 'Quarterly Café planning' });
    const db = server.server.services.db;
    expect(db.prepare("SELECT project_id FROM audit_events WHERE action = 'conversation.create' AND resource_id = ?").get(shared.id)).toEqual({
      project_id: world.projectId,
    });
    expect(db.prepare("SELECT 1 FROM changes WHERE kind = 'conversation' AND entity_id = ?").get(shared.id)).toBeDefined();
  });

  it('defaults to an untitled shared conversation', async () => {
    const res = await world.client('member')('conversation.create', { params: { id: world.projectId }, body: {} });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ title: '', kind: 'shared' });
  });

  it('shows shared conversations to every member and a personal one only to its creator, org owners included', async () => {
    for (const role of ['owner', 'admin', 'editor', 'viewer'] as const) {
      const ids = await titles(role);
      expect(ids, role).toContain(shared.id);
      expect(ids, role).not.toContain(personal.id);
    }
    expect(await titles('member')).toEqual(expect.arrayContaining([shared.id, personal.id]));
  });

  it('keeps conversations inside their project', async () => {
    const other = await freshProject(world);
    expect(await titles('editor', other.id)).toEqual([]);
  });

  it('answers 400 for a title with a line break', async () => {
    const res = await world.client('member')('conversation.create', { params: { id: world.projectId }, body: { title: 'two\nlines' } });
    expect([res.status, errorOf(res).field]).toEqual([400, 'title']);
  });
});

describe('GET /projects/:id/search', () => {
  it('finds conversation titles regardless of case and accents, with a snippet of the original text', async () => {
    const hits = await search('viewer', 'CAFE');
    expect(hits).toContainEqual({ kind: 'conversation', id: shared.id, field: 'title', title: 'Quarterly Café planning', snippet: 'Quarterly Café planning' });
  });

  it("never finds someone else's personal conversation, but finds one's own", async () => {
    expect((await search('owner', 'private')).map((h) => h.id)).not.toContain(personal.id);
    expect((await search('editor', 'café')).map((h) => h.id)).not.toContain(personal.id);
    expect((await search('member', 'private')).map((h) => h.id)).toContain(personal.id);
  });

  it('finds the project by its name, description and metadata', async () => {
    await ok(world.client('owner')('project.patch', { params: { id: world.projectId }, body: { description: 'Everything about the zeppelin launch', metadata: { codename: 'Hindenburg' } } }), 'describe');
    const hits = await search('viewer', 'zeppelin');
    expect(hits).toEqual([{ kind: 'project', id: world.projectId, field: 'description', title: 'Alpha', snippet: 'Everything about the zeppelin launch' }]);
    expect((await search('viewer', 'hindenburg'))[0]).toMatchObject({ field: 'metadata.codename' });
  });

  it('searches within the project boundary only', async () => {
    const other = await freshProject(world);
    await ok(world.client('editor')('conversation.create', { params: { id: other.id }, body: { title: 'Quarterly Café elsewhere' } }), 'other conversation');
    await ok(world.client('stranger')('conversation.create', { params: { id: world.strangerProjectId }, body: { title: 'Quarterly Café at Globex' } }), 'stranger');
    const hits = await search('owner', 'quarterly');
    expect(hits.map((h) => h.id)).toEqual([shared.id]);
    const there = await search('owner', 'quarterly', other.id);
    expect(there.map((h) => h.title)).toEqual(['Quarterly Café elsewhere']);
  });

  it('honours the limit', async () => {
    for (let i = 0; i < 3; i++) {
      await ok(world.client('member')('conversation.create', { params: { id: world.projectId }, body: { title: `Limit test ${i}` } }), 'c');
    }
    const res = await world.as('member')('GET', `/projects/${world.projectId}/search?q=limit%20test&limit=2`);
    expect((res.body as { items: unknown[] }).items).toHaveLength(2);
    const tooMany = await world.client('member')('project.search', { params: { id: world.projectId }, query: { q: 'x', limit: '1000' } });
    expect([tooMany.status, errorOf(tooMany).field]).toEqual([400, 'limit']);
  });
});

describe('GET /projects/:id/export', () => {
  it("exports the project, its members, config and the conversations the exporter may read, nothing else", async () => {
    const res = await world.client('editor')('project.export', { params: { id: world.projectId } });
    expect(res.status).toBe(200);
    const doc = res.body as ProjectExport;
    expect(doc).toMatchObject({ format: 'quorum.project-export', version: 1, exportedBy: world.actors.editor.userId });
    expect(doc.project.id).toBe(world.projectId);
    expect(doc.members.map((m) => m.userId).sort()).toEqual(
      [world.actors.owner, world.actors.editor, world.actors.member, world.actors.viewer].map((a) => a.userId).sort(),
    );
    expect(doc.config.config.systemPromptOverride).toBeNull();
    const ids = doc.conversations.map((c) => c.id);
    expect(ids).toContain(shared.id);
    expect(ids).not.toContain(personal.id);
    expect(doc.conversations.every((c) => c.projectId === world.projectId)).toBe(true);
    const audit = server.server.services.db
      .prepare("SELECT actor_id FROM audit_events WHERE action = 'project.export' AND project_id = ?")
      .all(world.projectId);
    expect(audit).toEqual([{ actor_id: world.actors.editor.userId }]);
  });
});
