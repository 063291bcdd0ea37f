import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProjectConfig } from '../../../../shared/domain/project-config';
import type { ProjectConfigView } from '../../../../shared/rest/project-config-view';
import { errorOf, freshProject, ok } from '../support/project-fixtures';
import { startTestServer } from '../support/test-server';
import type { TestServer } from '../support/test-server';
import { createWorld } from '../support/world';
import type { World } from '../support/world';

let server: TestServer;
let world: World;
const models: Record<'m1' | 'm2' | 'm3', string> = { m1: '', m2: '', m3: '' };
let privateModelOfMember: string;

let kb1: string;
let kb2: string;

function config(overrides: Partial<ProjectConfig> = {}): ProjectConfig {
  return { systemPromptOverride: null, modelLock: null, toolAllowlist: null, knowledgeBaseIds: [], defaultModelId: null, ...overrides };
}

beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server);
  const register = (as: 'owner' | 'member', name: string, level: 'public' | 'private') =>
    ok<{ id: string }>(
      world.client(as)('model.create', { body: { name, provider: { baseUrl: 'http://127.0.0.1:11434/v1', model: name }, visibility: { level } } }),
      name,
    );
  for (const key of ['m1', 'm2', 'm3'] as const) models[key] = (await register('owner', key, 'public')).id;
  privateModelOfMember = (await register('member', 'mine', 'private')).id;
  const base = (name: string) =>
    ok<{ id: string }>(world.client('owner')('knowledge-base.create', { body: { name, owner: { kind: 'organization' } } }), name);
  kb1 = (await base('Handbook')).id;
  kb2 = (await base('Glossary')).id;
});

afterAll(async () => {
  await server.dispose();
});

describe('GET /projects/:id/config', () => {
  it('shows a fresh project with nothing set and every effective value from the defaults', async () => {
    const res = await world.client('viewer')('project.config.read', { params: { id: world.projectId } });
    expect(res.status).toBe(200);
    const view = res.body as ProjectConfigView;
    expect(view.config).toEqual(config());
    expect(view.workgroups).toEqual([]);
    expect(view.effective.models).toEqual({ value: null, sources: [{ kind: 'default' }], excluded: [] });
    expect(view.effective.systemPrompt).toEqual({ value: null, source: { kind: 'default' }, shadowed: [] });
  });

  it('shows what the project inherits from its primary and shared workgroups, and from where', async () => {
    const owner = world.client('owner');
    const research = await ok<{ id: string }>(
      owner('workgroup.create', { body: {
          name: 'Research',
          settings: { modelPool: [models.m1, models.m2], toolAllowlist: ['search', 'calc'], systemPrompt: 'Cite sources.', knowledgeBaseIds: [], agentIds: [] },
        } }),
      'research',
    );
    const legal = await ok<{ id: string }>(
      owner('workgroup.create', { body: {
          name: 'Legal',
          settings: { modelPool: [models.m2, models.m3], toolAllowlist: null, systemPrompt: 'Be careful.', knowledgeBaseIds: [], agentIds: [] },
        } }),
      'legal',
    );
    // Research binds kb1 in its stored settings, which the project then inherits.
    server.server.services.db
      .prepare('UPDATE workgroups SET settings = json_set(settings, ?, json(?)) WHERE id = ?')
      .run('$.knowledgeBaseIds', JSON.stringify([kb1]), research.id);
    const p = await freshProject(world);
    await ok(owner('project.patch', { params: { id: p.id }, body: { primaryWorkgroupId: research.id, sharedWorkgroupIds: [legal.id] } }), 'place');
    await ok(
      owner('project.config.update', { params: { id: p.id }, body: config({ knowledgeBaseIds: [kb1, kb2], toolAllowlist: ['search', 'shell'] }) }),
      'project config',
    );

    const res = await world.client('viewer')('project.config.read', { params: { id: p.id } });
    expect(res.status).toBe(200);
    const view = res.body as ProjectConfigView;
    expect(view.workgroups).toEqual([
      { id: research.id, name: 'Research', placement: 'primary' },
      { id: legal.id, name: 'Legal', placement: 'shared' },
    ]);
    const wg = (id: string) => ({ kind: 'workgroup', workgroupId: id });
    // Models: both pools restrict, only m2 is in both; m1 is taken away by Legal, m3 by Research.
    expect(view.effective.models.value).toEqual([models.m2]);
    expect(view.effective.models.sources).toEqual([wg(research.id), wg(legal.id)]);
    expect(view.effective.models.excluded).toEqual([
      { value: models.m1, excludedBy: wg(legal.id) },
      { value: models.m3, excludedBy: wg(research.id) },
    ]);
    // Tools: the project's own allowlist narrows with Research's: shell is refused by Research, calc by the project.
    expect(view.effective.tools.value).toEqual(['search']);
    expect(view.effective.tools.sources).toEqual([{ kind: 'project' }, wg(research.id)]);
    expect(view.effective.tools.excluded).toEqual([
      { value: 'shell', excludedBy: wg(research.id) },
      { value: 'calc', excludedBy: { kind: 'project' } },
    ]);
    // The primary workgroup's prompt wins over the share's; the share's is shadowed.
    expect(view.effective.systemPrompt).toEqual({ value: 'Cite sources.', source: wg(research.id), shadowed: [wg(legal.id)] });
    expect(view.effective.knowledgeBases).toEqual([
      { value: kb1, sources: [{ kind: 'project' }, wg(research.id)] },
      { value: kb2, sources: [{ kind: 'project' }] },
    ]);
    expect(view.effective.defaultModel).toEqual({ value: models.m2, source: { kind: 'default' }, notAllowed: null });
  });
});

describe('PUT /projects/:id/config', () => {
  it('replaces the config, keeps the default model in its column, and shows the project as the source', async () => {
    const p = await freshProject(world);
    const res = await world.client('editor')('project.config.update', { params: { id: p.id }, body: config({ systemPromptOverride: 'Answer in French.', modelLock: [models.m1, models.m3], defaultModelId: models.m3 }) });
    expect(res.status).toBe(200);
    const view = res.body as ProjectConfigView;
    expect(view.effective.systemPrompt).toEqual({ value: 'Answer in French.', source: { kind: 'project' }, shadowed: [] });
    expect(view.effective.models.value).toEqual([models.m1, models.m3]);
    expect(view.effective.defaultModel).toEqual({ value: models.m3, source: { kind: 'project' }, notAllowed: null });
    const row = server.server.services.db.prepare('SELECT default_model_id, config FROM projects WHERE id = ?').get(p.id) as {
      default_model_id: string;
      config: string;
    };
    expect(row.default_model_id).toBe(models.m3);
    expect(JSON.parse(row.config)).not.toHaveProperty('defaultModelId');
    // The same default is the project's defaultModelId.
    const project = await world.client('viewer')('project.read', { params: { id: p.id } });
    expect((project.body as { defaultModelId: string }).defaultModelId).toBe(models.m3);
    const again = await world.client('viewer')('project.config.read', { params: { id: p.id } });
    expect((again.body as ProjectConfigView).config).toEqual(view.config);
    const audit = server.server.services.db
      .prepare("SELECT project_id, detail FROM audit_events WHERE action = 'project.config.update' AND project_id = ?")
      .get(p.id) as { project_id: string; detail: string };
    expect(JSON.parse(audit.detail)).toEqual({ fields: ['systemPromptOverride', 'modelLock', 'defaultModelId'] });
  });

  it('refuses a default model outside the lock, naming the field', async () => {
    const p = await freshProject(world);
    const res = await world.client('owner')('project.config.update', { params: { id: p.id }, body: config({ modelLock: [models.m1], defaultModelId: models.m2 }) });
    expect([res.status, errorOf(res).field]).toEqual([400, 'defaultModelId']);
  });

  it("answers 404 naming the field for a model the caller cannot see, such as someone else's private one", async () => {
    const p = await freshProject(world);
    const res = await world.client('editor')('project.config.update', { params: { id: p.id }, body: config({ modelLock: [models.m1, privateModelOfMember] }) });
    expect([res.status, errorOf(res).field]).toEqual([404, 'modelLock.1']);
    const missing = await world.client('editor')('project.config.update', { params: { id: p.id }, body: config({ defaultModelId: `mdl_${'9'.repeat(20)}` }) });
    expect([missing.status, errorOf(missing).field]).toEqual([404, 'defaultModelId']);
  });
});
