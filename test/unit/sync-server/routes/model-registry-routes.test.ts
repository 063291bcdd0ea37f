import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelEntry } from '../../../../shared/domain/model-entry';
import type { ModelVersion } from '../../../../shared/domain/model-version';
import type { ModelVersionComparison } from '../../../../shared/domain/model-version-comparison';
import type { ModelLineage } from '../../../../shared/rest/model-registry-endpoints';
import { createRegistryWorld, checksumOf, levels, statusTable } from '../support/registry-world';
import type { ByLevel, ErrorBody, Level, RegistryWorld, StatusTable } from '../support/registry-world';
import { startTestServer } from '../support/test-server';
import type { TestServer } from '../support/test-server';
import type { WorldRole } from '../support/world';
import { signup } from '../support/world';

let server: TestServer;
let world: RegistryWorld;
/** Models owned by the member, one per visibility level, each with version 1.0.0 as current. */
const models = {} as ByLevel<string>;
const firstVersions = {} as ByLevel<string>;

const provider = { baseUrl: 'http://127.0.0.1:11434/v1', model: 'llama3.1:8b' };

function modelBody(name: string, level: Level) {
  return { name, provider, visibility: world.visibility(level) };
}

async function createModel(role: WorldRole, name: string, level: Level): Promise<ModelEntry> {
  const res = await world.client(role)('model.create', { body: modelBody(name, level) });
  if (res.status !== 201) throw new Error(`create model: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as ModelEntry;
}

async function addVersion(role: WorldRole, modelId: string, body: Record<string, unknown>) {
  return world.as(role)('POST', `/model-registry/${modelId}/versions`, { body });
}

async function createVersion(role: WorldRole, modelId: string, body: Record<string, unknown>): Promise<ModelVersion> {
  const res = await addVersion(role, modelId, body);
  if (res.status !== 201) throw new Error(`add version: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as ModelVersion;
}

beforeAll(async () => {
  server = await startTestServer();
  world = await createRegistryWorld(server);
  for (const level of levels) {
    models[level] = (await createModel('member', `Member ${level}`, level)).id;
    firstVersions[level] = (await createVersion('member', models[level], { version: '1.0.0', checksum: checksumOf(level) })).id;
  }
});

afterAll(async () => {
  await server.dispose();
});

describe('every endpoint against every role, for entries at each visibility level', () => {
  // Columns: private, project (alpha), workgroup (research), public. The entries belong to the
  // member. Org owners and admins see and manage every shared entry but never a private one;
  // the editor is in alpha only; the viewer is in alpha and in beta (held by research); the
  // outsider is a viewer of research; the stranger belongs to another organization.
  const expected: Record<string, StatusTable> = {
    'GET /model-registry/:id': {
      owner: [404, 200, 200, 200],
      admin: [404, 200, 200, 200],
      editor: [404, 200, 404, 200],
      member: [200, 200, 200, 200],
      viewer: [404, 200, 200, 200],
      outsider: [404, 404, 200, 200],
      stranger: [404, 404, 404, 404],
    },
    'GET /model-registry/:id/versions': {
      owner: [404, 200, 200, 200],
      admin: [404, 200, 200, 200],
      editor: [404, 200, 404, 200],
      member: [200, 200, 200, 200],
      viewer: [404, 200, 200, 200],
      outsider: [404, 404, 200, 200],
      stranger: [404, 404, 404, 404],
    },
    'GET /model-registry/:id/versions/compare': {
      owner: [404, 200, 200, 200],
      admin: [404, 200, 200, 200],
      editor: [404, 200, 404, 200],
      member: [200, 200, 200, 200],
      viewer: [404, 200, 200, 200],
      outsider: [404, 404, 200, 200],
      stranger: [404, 404, 404, 404],
    },
    'GET /model-registry/:id/lineage': {
      owner: [404, 200, 200, 200],
      admin: [404, 200, 200, 200],
      editor: [404, 200, 404, 200],
      member: [200, 200, 200, 200],
      viewer: [404, 200, 200, 200],
      outsider: [404, 404, 200, 200],
      stranger: [404, 404, 404, 404],
    },
    'PUT /model-registry/:id': {
      owner: [404, 200, 200, 200],
      admin: [404, 200, 200, 200],
      editor: [404, 403, 404, 403],
      member: [200, 200, 200, 200],
      viewer: [404, 403, 403, 403],
      outsider: [404, 404, 403, 403],
      stranger: [404, 404, 404, 404],
    },
    'PUT /model-registry/:id/visibility': {
      owner: [404, 200, 200, 200],
      admin: [404, 200, 200, 200],
      editor: [404, 403, 404, 403],
      member: [200, 200, 200, 200],
      viewer: [404, 403, 403, 403],
      outsider: [404, 404, 403, 403],
      stranger: [404, 404, 404, 404],
    },
    'POST /model-registry/:id/versions': {
      owner: [404, 201, 201, 201],
      admin: [404, 201, 201, 201],
      editor: [404, 403, 404, 403],
      member: [201, 201, 201, 201],
      viewer: [404, 403, 403, 403],
      outsider: [404, 404, 403, 403],
      stranger: [404, 404, 404, 404],
    },
    'PUT /model-registry/:id/current-version': {
      owner: [404, 200, 200, 200],
      admin: [404, 200, 200, 200],
      editor: [404, 403, 404, 403],
      member: [200, 200, 200, 200],
      viewer: [404, 403, 403, 403],
      outsider: [404, 404, 403, 403],
      stranger: [404, 404, 404, 404],
    },
    'DELETE /model-registry/:id': {
      owner: [404, 204, 204, 204],
      admin: [404, 204, 204, 204],
      editor: [404, 403, 404, 403],
      member: [204, 204, 204, 204],
      viewer: [404, 403, 403, 403],
      outsider: [404, 404, 403, 403],
      stranger: [404, 404, 404, 404],
    },
    // Registering at a level: a project or workgroup scope must exist for the caller (404) and
    // they must be allowed to write there (403). The stranger registers in their own organization.
    'POST /model-registry': {
      owner: [201, 201, 201, 201],
      admin: [201, 201, 201, 201],
      editor: [201, 201, 404, 201],
      member: [201, 201, 201, 201],
      viewer: [201, 403, 403, 201],
      outsider: [201, 404, 403, 201],
      stranger: [201, 404, 404, 201],
    },
  };

  const requests: Record<string, (role: WorldRole, level: Level) => Promise<number>> = {
    'GET /model-registry/:id': async (role, level) => (await world.client(role)('model.get', { params: { id: models[level] } })).status,
    'GET /model-registry/:id/versions': async (role, level) =>
      (await world.client(role)('model.version.list', { params: { id: models[level] } })).status,
    'GET /model-registry/:id/versions/compare': async (role, level) => {
      const version = firstVersions[level];
      return (await world.client(role)('model.version.compare', { params: { id: models[level] }, query: { a: String(version), b: String(version) } })).status;
    },
    'GET /model-registry/:id/lineage': async (role, level) =>
      (await world.client(role)('model.lineage', { params: { id: models[level] } })).status,
    'PUT /model-registry/:id': async (role, level) =>
      (
        await world.client(role)('model.update', { params: { id: models[level] }, body: { name: `Member ${level}`, description: 'Edited', provider, badges: ['experimental'] } })
      ).status,
    // Moving an entry to where it already is: allowed exactly to those who may manage it there.
    'PUT /model-registry/:id/visibility': async (role, level) =>
      (await world.client(role)('model.visibility.update', { params: { id: models[level] }, body: world.visibility(level) })).status,
    'POST /model-registry/:id/versions': async (role, level) =>
      (await addVersion(role, models[level], { version: `2.0.0-${role}`, checksum: checksumOf(`${level}-${role}`) })).status,
    'PUT /model-registry/:id/current-version': async (role, level) =>
      (await world.client(role)('model.version.set-current', { params: { id: models[level] }, body: { versionId: firstVersions[level] } }))
        .status,
    'DELETE /model-registry/:id': async (role, level) => {
      const fresh = await createModel('member', `Doomed ${level}`, level);
      return (await world.client(role)('model.delete', { params: { id: fresh.id } })).status;
    },
    'POST /model-registry': async (role, level) =>
      (await world.client(role)('model.create', { body: modelBody(`By ${role}`, level) })).status,
  };

  for (const [endpoint, table] of Object.entries(expected)) {
    it(endpoint, async () => {
      const request = requests[endpoint];
      if (request === undefined) throw new Error(`no request for ${endpoint}`);
      expect(await statusTable(request)).toEqual(table);
    });
  }

  it('GET /model-registry lists exactly the entries each role can see', async () => {
    const expectedListed: Readonly<Record<WorldRole, readonly [boolean, boolean, boolean, boolean]>> = {
      owner: [false, true, true, true],
      admin: [false, true, true, true],
      editor: [false, true, false, true],
      member: [true, true, true, true],
      viewer: [false, true, true, true],
      outsider: [false, false, true, true],
      stranger: [false, false, false, false],
    };
    const actual = {} as Record<WorldRole, boolean[]>;
    for (const role of Object.keys(expectedListed) as WorldRole[]) {
      const res = await world.client(role)('model.list');
      expect(res.status).toBe(200);
      const ids = (res.body as { items: ModelEntry[] }).items.map((m) => m.id);
      actual[role] = levels.map((level) => ids.includes(models[level]));
    }
    expect(actual).toEqual(expectedListed);
  });
});

describe('listing', () => {
  it('filters by visibility level and badge, never beyond what the caller sees', async () => {
    const verified = await world.client('admin')('model.create', { body: { ...modelBody('Verified public', 'public'), badges: ['verified', 'quantized'] } });
    expect(verified.status).toBe(201);
    const byBadge = await world.client('outsider')('model.list', { query: { badge: 'verified' } });
    expect((byBadge.body as { items: ModelEntry[] }).items.map((m) => m.id)).toEqual([(verified.body as ModelEntry).id]);

    const projectOnly = await world.client('viewer')('model.list', { query: { visibility: 'project' } });
    const items = (projectOnly.body as { items: ModelEntry[] }).items;
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((m) => m.visibility.level === 'project')).toBe(true);
    expect(items.map((m) => m.id)).toContain(models.project);

    const privateAsAdmin = await world.client('admin')('model.list', { query: { visibility: 'private' } });
    expect((privateAsAdmin.body as { items: ModelEntry[] }).items.map((m) => m.id)).not.toContain(models.private);
  });

  it('refuses unknown query parameters and unknown badges with 400 naming them', async () => {
    const unknown = await world.as('member')('GET', '/model-registry?owner=me');
    expect(unknown.status).toBe(400);
    expect((unknown.body as ErrorBody).error.field).toBe('owner');
    const badge = await world.as('member')('GET', '/model-registry?badge=gold');
    expect(badge.status).toBe(400);
    expect((badge.body as ErrorBody).error.field).toBe('badge');
  });
});

describe('registering and managing', () => {
  it('makes a new entry private to its owner by default and refuses fields a caller must not set', async () => {
    const res = await world.client('viewer')('model.create', { body: { name: 'Mine', provider } });
    expect(res.status).toBe(201);
    const model = res.body as ModelEntry;
    expect(model.visibility).toEqual({ level: 'private' });
    expect(model.ownerId).toBe(world.actors.viewer.userId);
    expect(model.currentVersionId).toBeNull();
    expect((await world.client('owner')('model.get', { params: { id: model.id } })).status).toBe(404);

    const sneaky = await world.as('viewer')('POST', '/model-registry', {
      body: { name: 'Sneaky', provider, ownerId: world.actors.owner.userId },
    });
    expect(sneaky.status).toBe(400);
    expect((sneaky.body as ErrorBody).error.field).toBe('ownerId');
  });

  it('refuses provider URLs with credentials', async () => {
    const res = await world.client('member')('model.create', { body: { name: 'Leaky', provider: { baseUrl: 'https://user:secret@api.example.test/v1', model: 'x' } } });
    expect(res.status).toBe(400);
    expect((res.body as ErrorBody).error.field).toBe('provider.baseUrl');
  });

  it('updates the fields of the entry and leaves visibility and current version alone', async () => {
    const model = await createModel('member', 'Updatable', 'project');
    const version = await createVersion('member', model.id, { version: '1', checksum: checksumOf('updatable') });
    const res = await world.client('admin')('model.update', { params: { id: model.id }, body: { name: 'Renamed', description: 'Now described', provider: { ...provider, model: 'qwen' }, badges: ['fine-tuned'] } });
    expect(res.status).toBe(200);
    const updated = res.body as ModelEntry;
    expect(updated).toMatchObject({ name: 'Renamed', description: 'Now described', badges: ['fine-tuned'], currentVersionId: version.id });
    expect(updated.provider.model).toBe('qwen');
    expect(updated.visibility).toEqual({ level: 'project', projectId: world.projectId });
    expect((await world.client('member')('model.get', { params: { id: model.id } })).body).toEqual(updated);
  });

  it('deletes the entry with its versions', async () => {
    const model = await createModel('member', 'Short-lived', 'public');
    await createVersion('member', model.id, { version: '1', checksum: checksumOf('short') });
    expect((await world.client('member')('model.delete', { params: { id: model.id } })).status).toBe(204);
    expect((await world.client('member')('model.get', { params: { id: model.id } })).status).toBe(404);
    const left = server.server.services.db.prepare('SELECT COUNT(*) AS n FROM model_versions WHERE model_id = ?').get(model.id);
    expect(left).toEqual({ n: 0 });
  });

  it('records every change in the audit log and the change feed, and audits refusals', async () => {
    const model = await createModel('member', 'Audited', 'project');
    const db = server.server.services.db;
    const audit = db
      .prepare("SELECT actor_id, outcome, project_id FROM audit_events WHERE action = 'model.create' AND resource_id = ?")
      .all(model.id);
    expect(audit).toEqual([{ actor_id: world.actors.member.userId, outcome: 'allowed', project_id: world.projectId }]);
    expect(db.prepare("SELECT COUNT(*) AS n FROM changes WHERE kind = 'model' AND entity_id = ?").get(model.id)).toEqual({ n: 1 });

    expect((await world.client('viewer')('model.visibility.update', { params: { id: model.id }, body: { level: 'public' } })).status).toBe(403);
    const denied = db
      .prepare("SELECT actor_id FROM audit_events WHERE action = 'model.visibility.update' AND outcome = 'denied' AND resource_id = ?")
      .all(model.id);
    expect(denied).toEqual([{ actor_id: world.actors.viewer.userId }]);

    await world.client('member')('model.visibility.update', { params: { id: model.id }, body: { level: 'public' } });
    expect(db.prepare("SELECT COUNT(*) AS n FROM changes WHERE kind = 'model' AND entity_id = ?").get(model.id)).toEqual({ n: 2 });
  });
});

describe('visibility changes', () => {
  it('shares an entry into a project and takes it back', async () => {
    const model = await createModel('member', 'Shared later', 'private');
    expect((await world.client('editor')('model.get', { params: { id: model.id } })).status).toBe(404);
    const shared = await world.client('member')('model.visibility.update', { params: { id: model.id }, body: { level: 'project', projectId: world.projectId } });
    expect(shared.status).toBe(200);
    expect((shared.body as ModelEntry).visibility).toEqual({ level: 'project', projectId: world.projectId });
    expect((await world.client('editor')('model.get', { params: { id: model.id } })).status).toBe(200);
    expect((await world.client('outsider')('model.get', { params: { id: model.id } })).status).toBe(404);

    expect((await world.client('member')('model.visibility.update', { params: { id: model.id }, body: { level: 'private' } })).status).toBe(200);
    expect((await world.client('editor')('model.get', { params: { id: model.id } })).status).toBe(404);
    // Once private again, even the org admin who could manage it a moment ago cannot find it.
    expect((await world.client('admin')('model.visibility.update', { params: { id: model.id }, body: { level: 'public' } })).status).toBe(404);
  });

  it('answers 404 naming the field for a scope that does not exist, is of another organization or is not visible', async () => {
    const model = await createModel('member', 'Nowhere', 'private');
    const move = (body: unknown) => world.as('member')('PUT', `/model-registry/${model.id}/visibility`, { body });
    const elsewhere = await move({ level: 'project', projectId: world.strangerProjectId });
    expect(elsewhere.status).toBe(404);
    expect((elsewhere.body as ErrorBody).error.field).toBe('projectId');
    const missing = await move({ level: 'workgroup', workgroupId: 'wg_00000000000000000000' });
    expect(missing.status).toBe(404);
    expect((missing.body as ErrorBody).error.field).toBe('workgroupId');
    // The member has no role on this project (every member sees the default project, as a viewer).
    const hidden = ((await world.as('owner')('POST', '/projects', { body: { name: 'Hidden from members' } })).body as { id: string }).id;
    const invisible = await move({ level: 'project', projectId: hidden });
    expect(invisible.status).toBe(404);
    expect((await world.client('member')('model.get', { params: { id: model.id } })).body).toMatchObject({ visibility: { level: 'private' } });
  });

  it('refuses publishing into a project where the caller only reads', async () => {
    const model = await createModel('viewer', 'Viewer model', 'private');
    const res = await world.client('viewer')('model.visibility.update', { params: { id: model.id }, body: { level: 'project', projectId: world.projectId } });
    expect(res.status).toBe(403);
    expect((await world.client('editor')('model.get', { params: { id: model.id } })).status).toBe(404);
  });
});

describe('versions', () => {
  it('accepts only a SHA-256 checksum as 64 lowercase hex characters', async () => {
    const model = await createModel('member', 'Checksums', 'private');
    const good = checksumOf('checksums');
    for (const checksum of [good.toUpperCase(), good.slice(1), `${good}0`, `${good.slice(1)}g`, '', 42]) {
      const res = await addVersion('member', model.id, { version: '1.0', checksum });
      expect(res.status).toBe(400);
      const body = res.body as ErrorBody;
      expect(body.error.field).toBe('checksum');
      expect(body.error.message).toMatch(/^Checksum must be (64 lowercase hex characters|a string)/);
    }
    expect((await addVersion('member', model.id, { version: '1.0', checksum: good })).status).toBe(201);
  });

  it('makes the first version current, keeps labels unique per model and stores what was sent', async () => {
    const model = await createModel('member', 'Versioned', 'public');
    const first = await createVersion('member', model.id, {
      version: '1.0.0',
      checksum: checksumOf('v1'),
      trainingMetadata: { dataset: 'support-tickets-2025', epochs: 3, lora: true },
      benchmarks: { mmlu: 0.61 },
    });
    expect(first).toMatchObject({
      modelId: model.id,
      version: '1.0.0',
      trainingMetadata: { dataset: 'support-tickets-2025', epochs: 3, lora: true },
      benchmarks: { mmlu: 0.61 },
      parent: null,
    });
    const second = await createVersion('member', model.id, { version: '1.1.0', checksum: checksumOf('v2') });
    const entry = (await world.client('viewer')('model.get', { params: { id: model.id } })).body as ModelEntry;
    expect(entry.currentVersionId).toBe(first.id);

    const again = await addVersion('member', model.id, { version: '1.0.0', checksum: checksumOf('v1 again') });
    expect(again.status).toBe(409);
    // The same label on another model is fine.
    const other = await createModel('member', 'Other', 'public');
    expect((await addVersion('member', other.id, { version: '1.0.0', checksum: checksumOf('other') })).status).toBe(201);

    const listed = (await world.client('outsider')('model.version.list', { params: { id: model.id } })).body as { items: ModelVersion[] };
    expect(listed.items.map((v) => v.id)).toEqual([first.id, second.id]);
  });

  it('rolls the current version back and forward, only to versions of the same model', async () => {
    const model = await createModel('member', 'Rollback', 'project');
    const v1 = await createVersion('member', model.id, { version: '1', checksum: checksumOf('r1') });
    const v2 = await createVersion('member', model.id, { version: '2', checksum: checksumOf('r2') });
    const forward = await world.client('member')('model.version.set-current', { params: { id: model.id }, body: { versionId: v2.id } });
    expect(forward.status).toBe(200);
    expect((forward.body as ModelEntry).currentVersionId).toBe(v2.id);
    const back = await world.client('admin')('model.version.set-current', { params: { id: model.id }, body: { versionId: v1.id } });
    expect((back.body as ModelEntry).currentVersionId).toBe(v1.id);
    expect(((await world.client('editor')('model.get', { params: { id: model.id } })).body as ModelEntry).currentVersionId).toBe(v1.id);

    const foreign = await world.client('member')('model.version.set-current', { params: { id: model.id }, body: { versionId: firstVersions.public } });
    expect(foreign.status).toBe(404);
    expect((foreign.body as ErrorBody).error.field).toBe('versionId');
    expect(((await world.client('member')('model.get', { params: { id: model.id } })).body as ModelEntry).currentVersionId).toBe(v1.id);
  });

  it('compares two versions with benchmark deltas and metadata differences', async () => {
    const model = await createModel('member', 'Compared', 'public');
    const a = await createVersion('member', model.id, {
      version: 'a',
      checksum: checksumOf('a'),
      trainingMetadata: { epochs: 1, dataset: 'v1' },
      benchmarks: { mmlu: 0.5, gsm8k: 0.25 },
    });
    const b = await createVersion('member', model.id, {
      version: 'b',
      checksum: checksumOf('b'),
      trainingMetadata: { epochs: 2, lr: 0.001 },
      benchmarks: { mmlu: 0.75, humaneval: 0.4 },
      parent: { modelId: model.id, versionId: a.id },
    });
    const res = await world.client('outsider')('model.version.compare', { params: { id: model.id }, query: { a: String(a.id), b: String(b.id) } });
    expect(res.status).toBe(200);
    const comparison = res.body as ModelVersionComparison;
    expect(comparison.sameArtifact).toBe(false);
    expect(comparison.directLineage).toBe('a-parent-of-b');
    expect(comparison.benchmarks).toEqual([
      { name: 'gsm8k', a: 0.25, b: null, delta: null },
      { name: 'humaneval', a: null, b: 0.4, delta: null },
      { name: 'mmlu', a: 0.5, b: 0.75, delta: 0.25 },
    ]);
    expect(comparison.metadataDifferences).toEqual([
      { key: 'dataset', a: 'v1', b: null, change: 'removed' },
      { key: 'epochs', a: 1, b: 2, change: 'changed' },
      { key: 'lr', a: null, b: 0.001, change: 'added' },
    ]);

    const foreign = await world.client('member')('model.version.compare', { params: { id: model.id }, query: { a: String(a.id), b: String(firstVersions.public) } });
    expect(foreign.status).toBe(404);
    expect((foreign.body as ErrorBody).error.field).toBe('b');
    const malformed = await world.client('member')('model.version.compare', { params: { id: model.id }, query: { a: String(a.id), b: 'latest' } });
    expect(malformed.status).toBe(400);
    const missing = await world.as('member')('GET', `/model-registry/${model.id}/versions/compare?a=${a.id}`);
    expect(missing.status).toBe(400);
  });
});

describe('the verified badge', () => {
  it('is set only by org admins and owners; a member keeps or drops one granted to their entry but cannot give it', async () => {
    const published = await world.client('member')('model.create', { body: { ...modelBody('Self-verified', 'public'), badges: ['verified'] } });
    expect(published.status, JSON.stringify(published.body)).toBe(403);
    expect((published.body as ErrorBody).error.message).toMatch(/verified/);

    const model = await createModel('member', 'Needs review', 'public');
    const update = (role: WorldRole, badges: string[]) =>
      world.as(role)('PUT', `/model-registry/${model.id}`, { body: { name: model.name, description: '', provider, badges } });
    expect((await update('member', ['verified', 'experimental'])).status).toBe(403);
    expect((await update('member', ['experimental'])).status).toBe(200);

    const granted = await update('admin', ['verified', 'experimental']);
    expect(granted.status).toBe(200);
    expect((granted.body as ModelEntry).badges).toEqual(['verified', 'experimental']);
    // The owner of the entry goes on editing it with the badge an admin gave.
    const kept = await world.client('member')('model.update', { params: { id: model.id }, body: { name: 'Reviewed', description: '', provider, badges: ['verified', 'experimental'] } });
    expect(kept.status).toBe(200);
    expect((await update('member', ['experimental'])).status).toBe(200);
    expect((await update('member', ['verified', 'experimental'])).status).toBe(403);
    expect(((await world.client('viewer')('model.get', { params: { id: model.id } })).body as ModelEntry).badges).toEqual(['experimental']);

    expect((await world.client('owner')('model.create', { body: { ...modelBody('Owner verified', 'public'), badges: ['verified'] } })).status).toBe(201);
  });
});

describe('benchmark numbers', () => {
  it('refuses scores beyond the bound at input, naming the benchmark, so no difference can overflow', async () => {
    const model = await createModel('member', 'Overflowing', 'public');
    for (const score of [Number.MAX_VALUE, -Number.MAX_VALUE, 1e308, 1e13]) {
      const res = await addVersion('member', model.id, { version: `v${String(score).length}`, checksum: checksumOf(`${score}`), benchmarks: { mmlu: score } });
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect((res.body as ErrorBody).error.field).toBe('benchmarks.mmlu');
    }
    // The bound itself, tiny and negative zero scores are scores.
    const high = await createVersion('member', model.id, { version: 'high', checksum: checksumOf('high'), benchmarks: { mmlu: 1e12, tiny: Number.MIN_VALUE } });
    const low = await createVersion('member', model.id, { version: 'low', checksum: checksumOf('low'), benchmarks: { mmlu: -1e12, tiny: -0 } });
    const res = await world.client('member')('model.version.compare', { params: { id: model.id }, query: { a: String(low.id), b: String(high.id) } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect((res.body as ModelVersionComparison).benchmarks).toEqual([
      { name: 'mmlu', a: -1e12, b: 1e12, delta: 2e12 },
      { name: 'tiny', a: 0, b: Number.MIN_VALUE, delta: Number.MIN_VALUE },
    ]);
  });

  it('compares scores stored before the bound without failing: a difference too large to hold has no delta', async () => {
    const model = await createModel('member', 'Stored before', 'public');
    const a = await createVersion('member', model.id, { version: 'a', checksum: checksumOf('stored a') });
    const b = await createVersion('member', model.id, { version: 'b', checksum: checksumOf('stored b') });
    const db = server.server.services.db;
    db.prepare('UPDATE model_versions SET benchmarks = ? WHERE id = ?').run(JSON.stringify({ mmlu: -1.79e308 }), a.id);
    db.prepare('UPDATE model_versions SET benchmarks = ? WHERE id = ?').run(JSON.stringify({ mmlu: 1.79e308 }), b.id);
    const res = await world.client('member')('model.version.compare', { params: { id: model.id }, query: { a: String(a.id), b: String(b.id) } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect((res.body as ModelVersionComparison).benchmarks).toEqual([{ name: 'mmlu', a: -1.79e308, b: 1.79e308, delta: null }]);
  });
});

describe('lineage', () => {
  it('refuses a parent version the caller cannot see, exactly like one that does not exist', async () => {
    const hidden = await createModel('member', 'Hidden base', 'private');
    const hiddenVersion = await createVersion('member', hidden.id, { version: 'base', checksum: checksumOf('hidden') });
    const mine = await createModel('editor', 'Derived', 'public');
    const invisible = await addVersion('editor', mine.id, {
      version: 'ft',
      checksum: checksumOf('derived'),
      parent: { modelId: hidden.id, versionId: hiddenVersion.id },
    });
    const missing = await addVersion('editor', mine.id, {
      version: 'ft',
      checksum: checksumOf('derived'),
      parent: { modelId: hidden.id, versionId: 'mver_00000000000000000000' },
    });
    expect(invisible.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(invisible.body).toEqual(missing.body);
    expect((invisible.body as ErrorBody).error.field).toBe('parent');
    // A version id that belongs to another model than the one named is refused too.
    const mismatched = await addVersion('editor', mine.id, {
      version: 'ft',
      checksum: checksumOf('derived'),
      parent: { modelId: models.public, versionId: hiddenVersion.id },
    });
    expect(mismatched.status).toBe(404);
  });

  it('follows parents across models, child first, and stops at a model the caller cannot see', async () => {
    const base = await createModel('member', 'Base', 'private');
    const baseVersion = await createVersion('member', base.id, { version: 'base-1', checksum: checksumOf('base-1') });
    const tuned = await createModel('member', 'Tuned', 'public');
    const t1 = await createVersion('member', tuned.id, {
      version: 't1',
      checksum: checksumOf('t1'),
      parent: { modelId: base.id, versionId: baseVersion.id },
    });
    const t2 = await createVersion('member', tuned.id, {
      version: 't2',
      checksum: checksumOf('t2'),
      parent: { modelId: tuned.id, versionId: t1.id },
    });

    const full = await world.client('member')('model.lineage', { params: { id: tuned.id }, query: { versionId: String(t2.id) } });
    expect(full.status).toBe(200);
    const lineage = full.body as ModelLineage;
    expect(lineage.items.map((step) => [step.modelId, step.version.id])).toEqual([
      [tuned.id, t2.id],
      [tuned.id, t1.id],
      [base.id, baseVersion.id],
    ]);
    expect(lineage.items.map((step) => step.modelName)).toEqual(['Tuned', 'Tuned', 'Base']);
    expect(lineage.complete).toBe(true);

    const cut = (await world.client('admin')('model.lineage', { params: { id: tuned.id }, query: { versionId: String(t2.id) } })).body as ModelLineage;
    expect(cut.items.map((step) => step.version.id)).toEqual([t2.id, t1.id]);
    expect(cut.complete).toBe(false);
    expect(JSON.stringify(cut.items.map((step) => step.modelName))).not.toContain('Base');

    // Without a version it starts at the current one, the first added.
    const current = (await world.client('viewer')('model.lineage', { params: { id: tuned.id } })).body as ModelLineage;
    expect(current.items.map((step) => step.version.id)).toEqual([t1.id]);
    expect(current.complete).toBe(false);

    const empty = await createModel('member', 'No versions', 'public');
    expect((await world.client('member')('model.lineage', { params: { id: empty.id } })).body).toEqual({ items: [], complete: true });
    const foreign = await world.client('member')('model.lineage', { params: { id: tuned.id }, query: { versionId: String(baseVersion.id) } });
    expect(foreign.status).toBe(404);
  });
});

describe('isolation between organizations', () => {
  it("answers 404 for another organization's entries and refuses them as parents", async () => {
    const strangers = await createModel('stranger', 'Globex model', 'public');
    const strangerVersion = await createVersion('stranger', strangers.id, { version: '1', checksum: checksumOf('globex') });
    for (const role of ['owner', 'admin', 'member'] as const) {
      expect((await world.client(role)('model.get', { params: { id: strangers.id } })).status).toBe(404);
      expect((await world.client(role)('model.delete', { params: { id: strangers.id } })).status).toBe(404);
      const listed = (await world.client(role)('model.list')).body as { items: ModelEntry[] };
      expect(listed.items.map((m) => m.id)).not.toContain(strangers.id);
    }
    const res = await addVersion('member', models.public, {
      version: 'from-globex',
      checksum: checksumOf('x'),
      parent: { modelId: strangers.id, versionId: strangerVersion.id },
    });
    expect(res.status).toBe(404);
    expect((await world.client('stranger')('model.get', { params: { id: strangers.id } })).status).toBe(200);
  });

  it('answers 404 for malformed ids', async () => {
    for (const path of ['/model-registry/nope', '/model-registry/prj_', `/model-registry/${world.projectId}`]) {
      expect((await world.as('owner')('GET', path)).status).toBe(404);
    }
  });
});

describe('plan', () => {
  it('answers 402 naming the limit on every registry endpoint of a free organization', async () => {
    const { actor, session } = await signup(server, 'frugal-models', 'Frugal Models');
    const as = (method: string, path: string, body?: unknown) => server.request(method, path, { token: actor.token, body });
    const model = (await as('POST', '/model-registry', { name: 'Before downgrade', provider })).body as ModelEntry;
    const version = (await as('POST', `/model-registry/${model.id}/versions`, { version: '1', checksum: checksumOf('frugal') }))
      .body as ModelVersion;
    server.server.services.db.prepare("UPDATE organizations SET plan = 'free' WHERE id = ?").run(session.organization.id);

    const calls: [string, string, unknown?][] = [
      ['GET', '/model-registry'],
      ['POST', '/model-registry', { name: 'After', provider }],
      ['GET', `/model-registry/${model.id}`],
      ['PUT', `/model-registry/${model.id}`, { name: 'x', description: '', provider, badges: [] }],
      ['PUT', `/model-registry/${model.id}/visibility`, { level: 'public' }],
      ['GET', `/model-registry/${model.id}/versions`],
      ['POST', `/model-registry/${model.id}/versions`, { version: '2', checksum: checksumOf('frugal 2') }],
      ['PUT', `/model-registry/${model.id}/current-version`, { versionId: version.id }],
      ['GET', `/model-registry/${model.id}/versions/compare?a=${version.id}&b=${version.id}`],
      ['GET', `/model-registry/${model.id}/lineage`],
      ['DELETE', `/model-registry/${model.id}`],
    ];
    for (const [method, path, body] of calls) {
      const res = await as(method, path, body);
      expect([method, path, res.status]).toEqual([method, path, 402]);
      const error = (res.body as ErrorBody).error;
      expect(error.code).toBe('plan_limit');
      expect(error.message).toContain('registries');
    }
    const stored = server.server.services.db.prepare('SELECT name FROM models WHERE id = ?').get(model.id);
    expect(stored).toEqual({ name: 'Before downgrade' });
  });
});
