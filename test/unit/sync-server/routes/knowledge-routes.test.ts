import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeBase, KnowledgeDocument, KnowledgeDocumentSummary } from '../../../../shared/domain/knowledge-base';
import type { Project } from '../../../../shared/domain/project';
import type { Workgroup } from '../../../../shared/domain/workgroup';
import { ChangePage } from '../../../../shared/rest/change-endpoints';
import type { KnowledgePassage } from '../../../../shared/rest/knowledge-endpoints';
import type { ProjectConfigView } from '../../../../shared/rest/project-config-view';
import { errorOf, joinOrg, ok } from '../support/project-fixtures';
import { startTestServer } from '../support/test-server';
import type { ApiResponse, TestServer } from '../support/test-server';
import { createWorld } from '../support/world';
import type { Actor, World } from '../support/world';

/*
 * Knowledge bases over REST against the real server: who may read and write each kind of base
 * (written out cell by cell), the path rules, the organization boundary, and full-text search
 * that reaches exactly the bases a project is bound to.
 *
 * Project alpha sits in workgroup Platform, whose editor and viewer are two extra people; project
 * beta has no one but the org owner.
 */

let server: TestServer;
let world: World;
let platform: Workgroup;
let beta: Project;
const people = {} as Record<Person, Actor>;

const persons = ['owner', 'admin', 'editor', 'member', 'viewer', 'outsider', 'wgEditor', 'wgViewer', 'stranger'] as const;
type Person = (typeof persons)[number];
const baseKinds = ['organization', 'workgroup', 'alpha', 'beta'] as const;
type BaseKind = (typeof baseKinds)[number];

const bases = {} as Record<BaseKind, KnowledgeBase>;
/** A document in each base that every case reads and rewrites, never deletes. */
const documents = {} as Record<BaseKind, KnowledgeDocument>;

function as(person: Person) {
  return (method: string, path: string, body?: unknown): Promise<ApiResponse> =>
    server.request(method, path, { token: people[person].token, ...(body === undefined ? {} : { body }) });
}

function ownerOf(kind: BaseKind | 'project') {
  switch (kind) {
    case 'organization':
      return { kind: 'organization' };
    case 'workgroup':
      return { kind: 'workgroup', workgroupId: platform.id };
    case 'alpha':
    case 'project':
      return { kind: 'project', projectId: world.projectId };
    case 'beta':
      return { kind: 'project', projectId: beta.id };
  }
}

function config(knowledgeBaseIds: string[]) {
  return { systemPromptOverride: null, modelLock: null, toolAllowlist: null, knowledgeBaseIds, defaultModelId: null };
}

async function search(person: Person, q: string, projectId = world.projectId): Promise<KnowledgePassage[]> {
  const res = await as(person)('GET', `/projects/${projectId}/knowledge/search?q=${encodeURIComponent(q)}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return (res.body as { items: KnowledgePassage[] }).items;
}

beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server);
  Object.assign(people, world.actors);
  people.wgEditor = await joinOrg(world, 'wg-editor');
  people.wgViewer = await joinOrg(world, 'wg-viewer');
  platform = await ok<Workgroup>(as('owner')('POST', '/workgroups', { name: 'Platform' }), 'workgroup');
  await ok(as('owner')('POST', `/workgroups/${platform.id}/members`, { userId: people.wgEditor.userId, role: 'editor' }), 'wg editor');
  await ok(as('owner')('POST', `/workgroups/${platform.id}/members`, { userId: people.wgViewer.userId, role: 'viewer' }), 'wg viewer');
  await ok(as('owner')('POST', `/workgroups/${platform.id}/projects`, { projectId: world.projectId }), 'alpha into platform');
  beta = await ok<Project>(as('owner')('POST', '/projects', { name: 'Beta' }), 'beta');
  const names: Record<BaseKind, string> = { organization: 'Company handbook', workgroup: 'Platform runbooks', alpha: 'Alpha notes', beta: 'Beta notes' };
  for (const kind of baseKinds) {
    bases[kind] = await ok<KnowledgeBase>(as('owner')('POST', '/knowledge-bases', { name: names[kind], owner: ownerOf(kind) }), names[kind]);
    documents[kind] = await ok<KnowledgeDocument>(
      as('owner')('POST', `/knowledge-bases/${bases[kind].id}/documents`, { path: `shared/${kind}.md`, content: `# ${names[kind]}\n\nShared text.` }),
      `${kind} document`,
    );
  }
});

afterAll(async () => {
  await server.dispose();
});

describe('creating knowledge bases', () => {
  /* [person, organization, workgroup Platform, project alpha]: the status each answers. */
  const creation: readonly (readonly [Person, number, number, number])[] = [
    ['owner', 201, 201, 201],
    ['admin', 201, 201, 201],
    ['editor', 403, 403, 201],
    ['member', 403, 403, 403],
    ['viewer', 403, 403, 403],
    ['outsider', 403, 404, 404],
    ['wgEditor', 403, 201, 201],
    ['wgViewer', 403, 403, 403],
    // The stranger's organization-wide base is one of their own organization.
    ['stranger', 201, 404, 404],
  ];

  it('has a row for every person', () => {
    expect(creation.map(([person]) => person)).toEqual([...persons]);
  });

  it.each(creation)('%s creates organization %i, workgroup %i, project %i', async (person, organization, workgroup, project) => {
    const statuses: number[] = [];
    for (const kind of ['organization', 'workgroup', 'project'] as const) {
      const res = await as(person)('POST', '/knowledge-bases', { name: `${person} ${kind}`, owner: ownerOf(kind) });
      statuses.push(res.status);
      if (res.status === 201) {
        expect(res.body).toMatchObject({ name: `${person} ${kind}`, owner: ownerOf(kind), description: '' });
        expect((res.body as KnowledgeBase).orgId).toBe(person === 'stranger' ? world.strangerOrgId : world.orgId);
      }
      if (res.status === 404) expect(errorOf(res).field).toBe(kind === 'workgroup' ? 'owner.workgroupId' : 'owner.projectId');
    }
    expect(statuses).toEqual([organization, workgroup, project]);
  });

  it('refuses an owner that does not exist, with the answer an invisible one gets', async () => {
    const missing = await as('owner')('POST', '/knowledge-bases', { name: 'Ghost', owner: { kind: 'workgroup', workgroupId: `wg_${'0'.repeat(20)}` } });
    const invisible = await as('outsider')('POST', '/knowledge-bases', { name: 'Ghost', owner: ownerOf('workgroup') });
    expect([missing.status, invisible.status]).toEqual([404, 404]);
    expect(errorOf(missing).message.replace(/names no .*/, '')).toBe(errorOf(invisible).message.replace(/names no .*/, ''));
    const foreign = await as('owner')('POST', '/knowledge-bases', { name: 'Theirs', owner: { kind: 'project', projectId: world.strangerProjectId } });
    expect([foreign.status, errorOf(foreign).field]).toEqual([404, 'owner.projectId']);
  });

  it('audits a creation under the project that owns the base', async () => {
    const db = server.server.services.db;
    expect(db.prepare("SELECT actor_id, project_id, outcome FROM audit_events WHERE action = 'knowledge-base.create' AND resource_id = ?").get(bases.alpha.id)).toEqual({
      actor_id: people.owner.userId,
      project_id: world.projectId,
      outcome: 'allowed',
    });
  });
});

describe('reading and writing knowledge bases', () => {
  /* [person, base, read, write]: every cell of the access rules, as statuses. */
  const access: readonly (readonly [Person, BaseKind, 200 | 404, 200 | 403 | 404])[] = [
    ['owner', 'organization', 200, 200],
    ['owner', 'workgroup', 200, 200],
    ['owner', 'alpha', 200, 200],
    ['owner', 'beta', 200, 200],
    ['admin', 'organization', 200, 200],
    ['admin', 'workgroup', 200, 200],
    ['admin', 'alpha', 200, 200],
    ['admin', 'beta', 200, 200],
    ['editor', 'organization', 200, 403],
    ['editor', 'workgroup', 200, 403],
    ['editor', 'alpha', 200, 200],
    ['editor', 'beta', 404, 404],
    ['member', 'organization', 200, 403],
    ['member', 'workgroup', 200, 403],
    ['member', 'alpha', 200, 403],
    ['member', 'beta', 404, 404],
    ['viewer', 'organization', 200, 403],
    ['viewer', 'workgroup', 200, 403],
    ['viewer', 'alpha', 200, 403],
    ['viewer', 'beta', 404, 404],
    ['outsider', 'organization', 200, 403],
    ['outsider', 'workgroup', 404, 404],
    ['outsider', 'alpha', 404, 404],
    ['outsider', 'beta', 404, 404],
    ['wgEditor', 'organization', 200, 403],
    ['wgEditor', 'workgroup', 200, 200],
    ['wgEditor', 'alpha', 200, 200],
    ['wgEditor', 'beta', 404, 404],
    ['wgViewer', 'organization', 200, 403],
    ['wgViewer', 'workgroup', 200, 403],
    ['wgViewer', 'alpha', 200, 403],
    ['wgViewer', 'beta', 404, 404],
    ['stranger', 'organization', 404, 404],
    ['stranger', 'workgroup', 404, 404],
    ['stranger', 'alpha', 404, 404],
    ['stranger', 'beta', 404, 404],
  ];

  it('has a row for every person and base', () => {
    expect(access.map(([person, base]) => `${person} ${base}`)).toEqual(persons.flatMap((person) => baseKinds.map((base) => `${person} ${base}`)));
  });

  it.each(access)('%s on the %s base: read %i, write %i', async (person, kind, read, write) => {
    const base = bases[kind];
    const call = as(person);
    const reads = [
      await call('GET', `/knowledge-bases/${base.id}`),
      await call('GET', `/knowledge-bases/${base.id}/documents`),
      await call('GET', `/knowledge-bases/${base.id}/documents/${documents[kind].id}`),
    ];
    expect(reads.map((res) => res.status)).toEqual([read, read, read]);
    const listed = ((await call('GET', '/knowledge-bases')).body as { items: KnowledgeBase[] }).items.map((item) => item.id);
    expect(listed.includes(base.id)).toBe(read === 200);
    if (read === 200) {
      expect(reads[0]?.body).toEqual(expect.objectContaining({ id: base.id, owner: ownerOf(kind) }));
      expect((reads[2]?.body as KnowledgeDocument).content).toContain('Shared text');
    } else {
      // Word for word what a base that does not exist answers.
      const missing = await call('GET', `/knowledge-bases/kb_${'0'.repeat(20)}`);
      expect(reads[0]?.body).toEqual(missing.body);
    }

    const writes = [
      await call('PUT', `/knowledge-bases/${base.id}`, { name: base.name, description: `Kept by ${person}` }),
      await call('PUT', `/knowledge-bases/${base.id}/documents/${documents[kind].id}`, { path: documents[kind].path, content: `# Shared\n\nShared text, by ${person}.` }),
      await call('POST', `/knowledge-bases/${base.id}/documents`, { path: `people/${person}.md`, content: `Written by ${person}.` }),
    ];
    expect(writes.map((res) => res.status)).toEqual([write, write, write === 200 ? 201 : write]);
    if (write === 200) {
      const created = writes[2]?.body as KnowledgeDocument;
      expect((await call('DELETE', `/knowledge-bases/${base.id}/documents/${created.id}`)).status).toBe(204);
      expect((await call('GET', `/knowledge-bases/${base.id}/documents/${created.id}`)).status).toBe(404);
    } else {
      expect((await call('DELETE', `/knowledge-bases/${base.id}/documents/${documents[kind].id}`)).status).toBe(write);
      expect((await call('DELETE', `/knowledge-bases/${base.id}`)).status).toBe(write);
      expect((await as('owner')('GET', `/knowledge-bases/${base.id}/documents/${documents[kind].id}`)).status).toBe(200);
    }
  });

  it('records refused writes as denied, and allowed ones under the document', async () => {
    const db = server.server.services.db;
    const denied = db
      .prepare("SELECT resource_kind, resource_id FROM audit_events WHERE action = 'knowledge-base.update' AND outcome = 'denied' AND actor_id = ?")
      .all(people.member.userId);
    expect(denied).toEqual(expect.arrayContaining([{ resource_kind: 'knowledge-base', resource_id: bases.alpha.id }]));
    const allowed = db
      .prepare("SELECT resource_kind, project_id, detail FROM audit_events WHERE action = 'knowledge-document.update' AND outcome = 'allowed' AND actor_id = ? AND resource_id = ?")
      .get(people.editor.userId, documents.alpha.id) as { resource_kind: string; project_id: string; detail: string };
    expect(allowed).toMatchObject({ resource_kind: 'knowledge-document', project_id: world.projectId });
    expect(JSON.parse(allowed.detail)).toMatchObject({ knowledgeBaseId: bases.alpha.id, path: 'shared/alpha.md' });
  });

  it('lists documents by path without their content, with their length', async () => {
    const base = await ok<KnowledgeBase>(as('owner')('POST', '/knowledge-bases', { name: 'Listing', owner: ownerOf('organization') }), 'base');
    for (const path of ['b/second.md', 'A/first.txt', 'c.md']) {
      await ok(as('owner')('POST', `/knowledge-bases/${base.id}/documents`, { path, content: 'x'.repeat(path.length) }), path);
    }
    const res = await as('viewer')('GET', `/knowledge-bases/${base.id}/documents`);
    const items = (res.body as { items: KnowledgeDocumentSummary[] }).items;
    expect(items.map((item) => [item.path, item.length])).toEqual([
      ['A/first.txt', 11],
      ['b/second.md', 11],
      ['c.md', 4],
    ]);
    expect(items.every((item) => !('content' in item) && item.knowledgeBaseId === base.id)).toBe(true);
  });

  it('deletes a base with its documents for those who may write it, and only them', async () => {
    const db = server.server.services.db;
    for (const [person, kind] of [
      ['admin', 'organization'],
      ['wgEditor', 'workgroup'],
      ['editor', 'project'],
    ] as const) {
      const base = await ok<KnowledgeBase>(as('owner')('POST', '/knowledge-bases', { name: `Doomed ${kind}`, owner: ownerOf(kind) }), 'base');
      const document = await ok<KnowledgeDocument>(as('owner')('POST', `/knowledge-bases/${base.id}/documents`, { path: 'gone.md', content: 'ephemeral marmalade' }), 'doc');
      // The member reads each of them (through project alpha for the workgroup's and the project's) but may not delete it.
      expect((await as('member')('DELETE', `/knowledge-bases/${base.id}`)).status).toBe(403);
      expect((await as(person)('DELETE', `/knowledge-bases/${base.id}`)).status).toBe(204);
      expect((await as('owner')('GET', `/knowledge-bases/${base.id}`)).status).toBe(404);
      expect((await as('owner')('GET', `/knowledge-bases/${base.id}/documents/${document.id}`)).status).toBe(404);
      expect(db.prepare('SELECT COUNT(*) AS n FROM knowledge_documents WHERE knowledge_base_id = ?').get(base.id)).toEqual({ n: 0 });
      expect(db.prepare("SELECT COUNT(*) AS n FROM knowledge_chunk_fts WHERE knowledge_chunk_fts MATCH 'marmalade'").get()).toEqual({ n: 0 });
      expect(db.prepare("SELECT actor_id, outcome FROM audit_events WHERE action = 'knowledge-base.delete' AND resource_id = ? ORDER BY seq").all(base.id)).toEqual([
        { actor_id: people.member.userId, outcome: 'denied' },
        { actor_id: people[person].userId, outcome: 'allowed' },
      ]);
    }
  });

  it('answers 404 for a malformed id, and for a document id of another base', async () => {
    expect((await as('owner')('GET', '/knowledge-bases/not-an-id')).status).toBe(404);
    expect((await as('owner')('GET', `/knowledge-bases/${bases.organization.id}/documents/${documents.alpha.id}`)).status).toBe(404);
    expect((await as('owner')('PUT', `/knowledge-bases/${bases.organization.id}/documents/${documents.alpha.id}`, { path: 'x.md', content: '' })).status).toBe(404);
    expect((await as('owner')('GET', `/knowledge-bases/${bases.alpha.id}/documents/${documents.alpha.id}`)).status).toBe(200);
  });
});

describe('document paths', () => {
  let base: KnowledgeBase;

  beforeAll(async () => {
    base = await ok<KnowledgeBase>(as('owner')('POST', '/knowledge-bases', { name: 'Paths', owner: ownerOf('organization') }), 'base');
    await ok(as('owner')('POST', `/knowledge-bases/${base.id}/documents`, { path: 'teams/platform/guide.md', content: 'Guide' }), 'guide');
  });

  const post = (path: string, content = 'text') => as('owner')('POST', `/knowledge-bases/${base.id}/documents`, { path, content });

  it('refuses paths that leave the base or are not Markdown or text, naming the path', async () => {
    for (const path of ['../outside.md', '/etc/passwd.md', 'teams\\platform\\guide.md', 'teams//guide.md', 'teams/./guide.md', 'image.png', 'teams/platform', 'a:b.md']) {
      const res = await post(path);
      expect([res.status, errorOf(res).field], path).toEqual([400, 'path']);
    }
  });

  it('takes one document per path, whatever its case, and no document where a folder is', async () => {
    for (const path of ['teams/platform/guide.md', 'Teams/Platform/GUIDE.md', 'teams/platform/guide.md/more.md']) {
      const res = await post(path);
      expect([res.status, errorOf(res).code], path).toEqual([409, 'conflict']);
    }
    const folder = await post('teams/platform.md/x.md');
    expect(folder.status).toBe(201);
    expect((await post('teams/platform.md')).status).toBe(409);
    expect((await post('teams/platform/runbook.md')).status).toBe(201);
  });

  it('moves a document to a free path, not onto another one', async () => {
    const notes = await ok<KnowledgeDocument>(post('notes.txt', 'Notes'), 'notes');
    const onto = await as('owner')('PUT', `/knowledge-bases/${base.id}/documents/${notes.id}`, { path: 'TEAMS/platform/guide.md', content: 'Notes' });
    expect(onto.status).toBe(409);
    const moved = await as('owner')('PUT', `/knowledge-bases/${base.id}/documents/${notes.id}`, { path: 'archive/notes.md', content: 'Moved notes' });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ id: notes.id, path: 'archive/notes.md', content: 'Moved notes', createdAt: notes.createdAt });
    // Its own path, in another case, is still free for it.
    const recased = await as('owner')('PUT', `/knowledge-bases/${base.id}/documents/${notes.id}`, { path: 'Archive/Notes.md', content: 'Moved notes' });
    expect(recased.status).toBe(200);
  });

  it('takes content up to the limit and refuses more, naming the content', async () => {
    expect((await post('big.md', 'x'.repeat(1_000_000))).status).toBe(201);
    const tooBig = await post('bigger.md', 'x'.repeat(1_000_001));
    expect([tooBig.status, errorOf(tooBig).field]).toEqual([400, 'content']);
  });
});

describe('the organization boundary', () => {
  let theirs: KnowledgeBase;

  beforeAll(async () => {
    theirs = await ok<KnowledgeBase>(as('stranger')('POST', '/knowledge-bases', { name: 'Globex secrets', owner: { kind: 'organization' } }), 'theirs');
    await ok(as('stranger')('POST', `/knowledge-bases/${theirs.id}/documents`, { path: 'plans.md', content: 'The zeppelin fleet launches in spring.' }), 'doc');
  });

  it("keeps another organization's bases out of reach, whatever the caller's role there", async () => {
    expect((await as('owner')('GET', `/knowledge-bases/${theirs.id}`)).status).toBe(404);
    expect((await as('owner')('GET', `/knowledge-bases/${theirs.id}/documents`)).status).toBe(404);
    expect((await as('owner')('PUT', `/knowledge-bases/${theirs.id}`, { name: 'Mine now', description: '' })).status).toBe(404);
    expect((await as('owner')('DELETE', `/knowledge-bases/${theirs.id}`)).status).toBe(404);
    const listed = ((await as('owner')('GET', '/knowledge-bases')).body as { items: KnowledgeBase[] }).items;
    expect(listed.every((base) => base.orgId === world.orgId)).toBe(true);
    expect(((await as('stranger')('GET', '/knowledge-bases')).body as { items: KnowledgeBase[] }).items.map((base) => base.id)).not.toContain(bases.organization.id);
  });

  it("cannot bind another organization's base, in either direction", async () => {
    const into = await as('owner')('PUT', `/projects/${world.projectId}/config`, config([theirs.id]));
    expect([into.status, errorOf(into).field]).toEqual([404, 'knowledgeBaseIds.0']);
    const out = await as('stranger')('PUT', `/projects/${world.strangerProjectId}/config`, config([bases.organization.id]));
    expect([out.status, errorOf(out).field]).toEqual([404, 'knowledgeBaseIds.0']);
  });

  it("never finds another organization's documents, even through a binding placed in the stored settings", async () => {
    await ok(as('owner')('POST', `/knowledge-bases/${bases.organization.id}/documents`, { path: 'ours/zeppelin.md', content: 'Our zeppelin museum opens in May.' }), 'ours');
    await ok(as('owner')('PUT', `/projects/${world.projectId}/config`, config([bases.organization.id])), 'bind ours');
    // As if another writer had slipped the foreign id past the REST checks into the stored config.
    server.server.services.db
      .prepare("UPDATE projects SET config = json_set(config, '$.knowledgeBaseIds', json(?)) WHERE id = ?")
      .run(JSON.stringify([bases.organization.id, theirs.id]), world.projectId);
    const passages = await search('viewer', 'zeppelin');
    expect(passages.map((passage) => passage.path)).toEqual(['ours/zeppelin.md']);
    await ok(as('owner')('PUT', `/projects/${world.projectId}/config`, config([])), 'unbind');
  });
});

describe('GET /projects/:id/knowledge/search', () => {
  let handbook: KnowledgeDocument;
  let runbook: KnowledgeDocument;

  beforeAll(async () => {
    const write = (kind: BaseKind, path: string, content: string) =>
      ok<KnowledgeDocument>(as('owner')('POST', `/knowledge-bases/${bases[kind].id}/documents`, { path, content }), path);
    handbook = await write('organization', 'policies/deploys.md', '# Deploys\n\nWe deploy the gateway on Tuesdays and never on Fridays.');
    runbook = await write('workgroup', 'teams/platform/gateway.md', '# Gateway runbook\n\nRestart the gateway with care; the Gateway pool drains first.');
    await write('alpha', 'alpha/gateway.md', 'Alpha keeps its own gateway notes.');
    await write('beta', 'beta/gateway.md', 'Beta has a secret gateway plan.');
    // Alpha binds the handbook itself and inherits the runbooks from its workgroup Platform.
    await ok(as('editor')('PUT', `/projects/${world.projectId}/config`, config([bases.organization.id])), 'alpha binds the handbook');
    await ok(as('owner')('PUT', `/workgroups/${platform.id}`, { name: 'Platform', description: '', settings: { ...platform.settings, knowledgeBaseIds: [bases.workgroup.id] } }), 'platform binds its runbooks');
    await ok(as('owner')('PUT', `/projects/${beta.id}/config`, config([bases.beta.id])), 'beta binds its notes');
  });

  it("finds passages with their document paths in exactly the project's effective bases, saying which binding reaches each", async () => {
    const passages = await search('viewer', 'gateway');
    expect(passages.map((passage) => passage.path).sort()).toEqual(['policies/deploys.md', 'teams/platform/gateway.md']);
    const fromRunbook = passages.find((passage) => passage.documentId === runbook.id);
    expect(fromRunbook).toEqual({
      knowledgeBaseId: bases.workgroup.id,
      knowledgeBaseName: 'Platform runbooks',
      documentId: runbook.id,
      path: 'teams/platform/gateway.md',
      passage: '# Gateway runbook\n\nRestart the gateway with care; the Gateway pool drains first.',
      boundBy: [{ kind: 'workgroup', workgroupId: platform.id }],
    });
    expect(passages.find((passage) => passage.documentId === handbook.id)?.boundBy).toEqual([{ kind: 'project' }]);
    // Beta's base and alpha's own unbound base hold the word too, and stay out.
    expect(passages.some((passage) => passage.passage.includes('secret') || passage.passage.includes('Alpha keeps'))).toBe(false);
    expect((await search('owner', 'gateway', beta.id)).map((passage) => passage.path)).toEqual(['beta/gateway.md']);
  });

  it('folds case and accents, matches word beginnings, and treats what is typed as words only', async () => {
    expect((await search('member', 'TUESDAY')).map((passage) => passage.path)).toEqual(['policies/deploys.md']);
    expect((await search('member', 'gatéw')).length).toBe(2);
    expect((await search('member', 'fridays AND "deploy')).map((passage) => passage.path)).toEqual(['policies/deploys.md']);
    expect(await search('member', 'fridays NOT deploy')).toEqual([]);
    expect(await search('member', '*** ::: ***')).toEqual([]);
  });

  it('finds a passage deep in a long document by its chunk, one passage per document', async () => {
    const paragraphs = Array.from({ length: 120 }, (_, i) =>
      i === 97 ? 'Paragraph 97: the wombat ledger is reconciled every quarter by finance.' : `Paragraph ${String(i)} says nothing of note, and goes on a little to fill the page.`,
    );
    const manual = await ok<KnowledgeDocument>(
      as('owner')('POST', `/knowledge-bases/${bases.organization.id}/documents`, { path: 'manuals/finance.pdf', content: paragraphs.join('\n\n') }),
      'manual',
    );
    const found = await search('viewer', 'wombat ledger');
    expect(found.map((passage) => passage.documentId)).toEqual([manual.id]);
    expect(found[0]?.passage).toContain('the wombat ledger is reconciled every quarter');
    // Every chunk says "paragraph": the document still answers once.
    expect((await search('viewer', 'paragraph')).filter((passage) => passage.documentId === manual.id)).toHaveLength(1);
  });

  it('answers a window of text around the match, not the whole document', async () => {
    const filler = (word: string, n: number) => Array.from({ length: n }, (_, i) => `${word}${i}`).join(' ');
    const long = await ok<KnowledgeDocument>(
      as('owner')('POST', `/knowledge-bases/${bases.organization.id}/documents`, {
        path: 'long/history.md',
        content: `${filler('before', 300)} the quokka migration happened here ${filler('after', 300)}`,
      }),
      'long',
    );
    const [passage] = await search('viewer', 'quokka');
    expect(passage?.documentId).toBe(long.id);
    expect(passage?.passage).toContain('quokka migration');
    // A window of the chunk that matched: cut on at least one side, at most 64 words.
    expect(passage?.passage.startsWith('…') === true || passage?.passage.endsWith('…') === true).toBe(true);
    expect(passage?.passage.split(' ').length).toBeLessThanOrEqual(64);
  });

  it('follows edits, moves and deletions of documents', async () => {
    await ok(
      as('wgEditor')('PUT', `/knowledge-bases/${bases.workgroup.id}/documents/${runbook.id}`, { path: 'teams/platform/proxy.md', content: 'Restart the proxy.' }),
      'rewrite',
    );
    expect((await search('viewer', 'gateway')).map((passage) => passage.path)).toEqual(['policies/deploys.md']);
    expect((await search('viewer', 'proxy')).map((passage) => passage.path)).toEqual(['teams/platform/proxy.md']);
    await ok(as('wgEditor')('DELETE', `/knowledge-bases/${bases.workgroup.id}/documents/${runbook.id}`), 'delete');
    expect(await search('viewer', 'proxy')).toEqual([]);
  });

  it('stops searching a base once its binding goes, and unbinds a deleted base everywhere', async () => {
    const temporary = await ok<KnowledgeBase>(as('wgEditor')('POST', '/knowledge-bases', { name: 'Temporary', owner: ownerOf('workgroup') }), 'temporary');
    await ok(as('wgEditor')('POST', `/knowledge-bases/${temporary.id}/documents`, { path: 'tmp.md', content: 'The narwhal protocol.' }), 'doc');
    expect(await search('viewer', 'narwhal')).toEqual([]);
    await ok(as('editor')('PUT', `/projects/${world.projectId}/config`, config([bases.organization.id, temporary.id])), 'bind');
    const workgroup = await ok<Workgroup>(as('owner')('GET', `/workgroups/${platform.id}`), 'workgroup');
    await ok(
      as('owner')('PUT', `/workgroups/${platform.id}`, { name: 'Platform', description: '', settings: { ...workgroup.settings, knowledgeBaseIds: [bases.workgroup.id, temporary.id] } }),
      'bind in workgroup',
    );
    const found = await search('viewer', 'narwhal');
    expect(found.map((passage) => passage.boundBy)).toEqual([[{ kind: 'project' }, { kind: 'workgroup', workgroupId: platform.id }]]);

    expect((await as('wgEditor')('DELETE', `/knowledge-bases/${temporary.id}`)).status).toBe(204);
    expect(await search('viewer', 'narwhal')).toEqual([]);
    const view = await ok<ProjectConfigView>(as('viewer')('GET', `/projects/${world.projectId}/config`), 'config');
    expect(view.config.knowledgeBaseIds).toEqual([bases.organization.id]);
    expect((await ok<Workgroup>(as('owner')('GET', `/workgroups/${platform.id}`), 'workgroup')).settings.knowledgeBaseIds).toEqual([bases.workgroup.id]);
    const audit = server.server.services.db.prepare("SELECT detail FROM audit_events WHERE action = 'knowledge-base.delete' AND resource_id = ?").get(temporary.id) as {
      detail: string;
    };
    expect(JSON.parse(audit.detail)).toEqual({ documents: 1, unboundFromProjects: [world.projectId], unboundFromWorkgroups: [platform.id] });
  });

  it('is open to everyone who may read the project, and to no one else', async () => {
    for (const person of ['viewer', 'member', 'wgViewer'] as const) expect((await search(person, 'tuesdays')).length, person).toBe(1);
    for (const person of ['outsider', 'stranger'] as const) {
      expect((await as(person)('GET', `/projects/${world.projectId}/knowledge/search?q=tuesdays`)).status, person).toBe(404);
    }
    const empty = await as('viewer')('GET', `/projects/${world.projectId}/knowledge/search?q=`);
    expect([empty.status, errorOf(empty).field]).toEqual([400, 'q']);
    const limited = await as('viewer')('GET', `/projects/${world.projectId}/knowledge/search?q=the&limit=1`);
    expect((limited.body as { items: unknown[] }).items).toHaveLength(1);
  });
});

describe('binding knowledge bases', () => {
  it('accepts bases the caller can read, and refuses others with the field that names them', async () => {
    const editorBinds = (ids: string[]) => as('editor')('PUT', `/projects/${world.projectId}/config`, config(ids));
    expect((await editorBinds([bases.organization.id, bases.workgroup.id, bases.alpha.id])).status).toBe(200);
    const unreadable = await editorBinds([bases.organization.id, bases.beta.id]);
    expect([unreadable.status, errorOf(unreadable).field]).toEqual([404, 'knowledgeBaseIds.1']);
    const missing = await editorBinds([`kb_${'0'.repeat(20)}`]);
    expect([missing.status, errorOf(missing).field]).toEqual([404, 'knowledgeBaseIds.0']);
    expect(errorOf(unreadable).message.replace('.1', '.0')).toBe(errorOf(missing).message);
  });

  it('keeps a binding the caller cannot read when they save the rest unchanged', async () => {
    await ok(as('owner')('PUT', `/projects/${world.projectId}/config`, config([bases.beta.id])), 'owner binds beta');
    const res = await as('editor')('PUT', `/projects/${world.projectId}/config`, { ...config([bases.beta.id]), systemPromptOverride: 'Be brief.' });
    expect(res.status).toBe(200);
    expect((res.body as ProjectConfigView).config.knowledgeBaseIds).toEqual([bases.beta.id]);
    await ok(as('owner')('PUT', `/projects/${world.projectId}/config`, config([])), 'reset');
  });

  it("checks a workgroup's bindings the same way", async () => {
    const workgroup = await ok<Workgroup>(as('owner')('GET', `/workgroups/${platform.id}`), 'workgroup');
    const put = (person: Person, ids: string[]) =>
      as(person)('PUT', `/workgroups/${platform.id}`, { name: 'Platform', description: '', settings: { ...workgroup.settings, knowledgeBaseIds: ids } });
    const refused = await put('wgEditor', [bases.workgroup.id, bases.beta.id]);
    expect([refused.status, errorOf(refused).field]).toEqual([404, 'settings.knowledgeBaseIds.1']);
    expect((await put('wgEditor', [bases.workgroup.id, bases.organization.id])).status).toBe(200);
    const created = await as('owner')('POST', '/workgroups', { name: 'Elsewhere', settings: { ...workgroup.settings, knowledgeBaseIds: [`kb_${'0'.repeat(20)}`] } });
    expect([created.status, errorOf(created).field]).toEqual([404, 'settings.knowledgeBaseIds.0']);
  });
});

describe('the change feed', () => {
  async function feed(person: Person, since = 0): Promise<ChangePage> {
    const res = await as(person)('GET', `/changes?since=${since}`);
    expect(res.status).toBe(200);
    return ChangePage.parse(res.body);
  }
  const baseIds = (page: ChangePage, op: 'upsert' | 'delete') => page.changes.filter((change) => change.kind === 'knowledge-base' && change.op === op).map((change) => change.id);

  it('replicates the bases each person may read, and takes one back when it goes', async () => {
    const first = await feed('member');
    expect(baseIds(first, 'upsert')).toEqual(expect.arrayContaining([bases.organization.id, bases.workgroup.id, bases.alpha.id]));
    expect(baseIds(first, 'upsert')).not.toContain(bases.beta.id);
    expect(baseIds(await feed('outsider'), 'upsert')).not.toContain(bases.workgroup.id);

    const doomed = await ok<KnowledgeBase>(as('editor')('POST', '/knowledge-bases', { name: 'Short-lived', owner: ownerOf('alpha') }), 'doomed');
    const held = await feed('member', first.cursor);
    expect(held.changes).toContainEqual({ kind: 'knowledge-base', id: doomed.id, op: 'upsert', entity: doomed });
    await ok(as('editor')('DELETE', `/knowledge-bases/${doomed.id}`), 'delete');
    const after = await feed('member', held.cursor);
    expect(baseIds(after, 'delete')).toEqual([doomed.id]);
  });
});
