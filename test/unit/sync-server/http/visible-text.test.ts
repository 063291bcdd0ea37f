import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Project } from '../../../../shared/domain/project';
import { errorOf, ok } from '../support/project-fixtures';
import { startTestServer } from '../support/test-server';
import type { TestServer } from '../support/test-server';
import { createWorld, password } from '../support/world';
import type { World } from '../support/world';

/*
 * Names, titles and document paths are shown to other people. A right-to-left override or a
 * zero-width character lets one render as something else ("invoice‮fdp.exe", "admin" with a
 * zero-width space), so the server refuses them with a 400 naming the field, after NFC.
 */

let server: TestServer;
let world: World;

beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server);
});
afterAll(async () => {
  await server.dispose();
});

const hostile: readonly [string, string][] = [
  ['a right-to-left override', 'Quarterly\u202Efdp.exe'],
  ['a left-to-right isolate', 'Plan \u2066B\u2069'],
  ['a right-to-left mark', 'Budget\u200F'],
  ['a zero-width space', 'ad\u200Bmin'],
  ['a zero-width non-joiner between Latin letters', 'ad\u200Cmin'],
  ['a word joiner', 'team\u2060lead'],
  ['a byte-order mark inside', 'Al\uFEFFpha'],
  ['a soft hyphen', 'pay\u00ADroll'],
  ['a tag character', 'flag\u{E0041}'],
  ['a Hangul filler', 'name\u3164'],
];

describe('hostile characters are refused with a 400 that names the field', () => {
  it.each(hostile)('in a project name: %s', async (_what, name) => {
    const res = await world.client('owner')('project.create', { body: { name } });
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(errorOf(res).field).toBe('name');
    expect(errorOf(res).message).toMatch(/invisible|direction/);
  });

  it.each(hostile)('in a conversation title: %s', async (_what, title) => {
    const res = await world.client('member')('conversation.create', { params: { id: world.projectId }, body: { title, kind: 'shared' } });
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(errorOf(res).field).toBe('title');
  });

  it.each(hostile)('in a knowledge document path: %s', async (_what, name) => {
    const base = await ok<{ id: string }>(
      world.client('owner')('knowledge-base.create', { body: { name: `Base ${name.length}`, owner: { kind: 'project', projectId: world.projectId } } }),
      'base',
    );
    const res = await world.client('owner')('knowledge-document.create', { params: { id: base.id }, body: { path: `guides/${name}.md`, content: 'x' } });
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(errorOf(res).field).toBe('path');
  });

  it.each(hostile)("in a person's display name at sign-up: %s", async (_what, displayName) => {
    const res = await server.request('POST', '/auth/signup', { body: { email: `someone-${displayName.length}@example.test`, password, displayName } });
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(errorOf(res).field).toBe('displayName');
  });

  it.each(hostile)('in a workgroup name and a model name: %s', async (_what, name) => {
    const workgroup = await world.client('owner')('workgroup.create', { body: { name } });
    expect(workgroup.status).toBe(400);
    expect(errorOf(workgroup).field).toBe('name');
    const model = await world.client('owner')('model.create', { body: { name, provider: { baseUrl: 'http://127.0.0.1:11434/v1', model: 'llama3.1:8b' } } });
    expect(model.status).toBe(400);
    expect(errorOf(model).field).toBe('name');
  });
});

describe('what writing systems need stays allowed', () => {
  it('keeps Arabic, Hebrew, Persian with its non-joiner, and emoji sequences', async () => {
    const names = ['مشروع البحث', 'פרויקט', 'می\u200Cخواهم', 'Team 👩\u200D💻', 'Family 👨\u200D👩\u200D👧'];
    for (const [index, name] of names.entries()) {
      const res = await world.client('owner')('project.create', { body: { name, canonicalName: `script-${index}` } });
      expect(res.status, `${name}: ${JSON.stringify(res.body)}`).toBe(201);
      expect((res.body as Project).name).toBe(name);
    }
  });

  it('stores names in NFC, so two spellings of one name are one name', async () => {
    const decomposed = 'Cafe\u0301 ops';
    const created = await ok<Project>(world.client('owner')('project.create', { body: { name: decomposed } }), 'project');
    expect(created.name).toBe('Café ops');
    expect(created.name).toBe(decomposed.normalize('NFC'));
  });
});
