import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Conversation } from '../../../../shared/domain/conversation';
import { closeCode } from '../../../../shared/sync/sync-protocol';
import { setIndexEntry } from '../../../../shared/sync/conversation-document';
import { userAuthor, writeMessage } from '../support/document-edits';
import { freshProject, ok } from '../support/project-fixtures';
import { rawConnect } from '../support/raw-sync-client';
import type { RawClient } from '../support/raw-sync-client';
import { connect, waitFor } from '../support/sync-client';
import { startTestServer } from '../support/test-server';
import type { TestServer } from '../support/test-server';
import { createWorld } from '../support/world';
import type { Actor, World } from '../support/world';

/*
 * A project's conversation index names conversations into being, and only its own: deleting a
 * conversation or its project deletes the conversation's document for good, and an index entry
 * may only name a conversation id never used before, whatever project or organization used it.
 * The mirror that writes the index into the directory touches nothing outside the document's own
 * project and organization, even where the guard is not there to keep it out.
 */

let server: TestServer;
let world: World;
const raws: RawClient[] = [];

beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server);
});

afterAll(async () => {
  for (const raw of raws) raw.close();
  await server.dispose();
});

async function open(target: TestServer, docName: string, actor: Actor): Promise<RawClient> {
  const raw = rawConnect(target.url, docName, actor.token);
  raws.push(raw);
  await raw.synced();
  return raw;
}

async function createConversation(projectId: string, actor: Actor, title: string, kind: 'shared' | 'personal' = 'shared'): Promise<Conversation> {
  return ok<Conversation>(world.server.request('POST', `/projects/${projectId}/conversations`, { token: actor.token, body: { title, kind } }), `create ${title}`);
}

/** Writes messages into a conversation through a provider and waits until they are stored. */
async function writeMessages(conversationId: string, actor: Actor, texts: readonly string[]): Promise<void> {
  const client = connect(server.url, `conversation:${conversationId}`, actor.token);
  try {
    await client.synced();
    for (const text of texts) writeMessage(client.doc, userAuthor(actor.userId), text);
    await client.storedAll();
  } finally {
    client.destroy();
  }
}

/** What the server keeps of a document on disk, in rows. */
function storedRows(target: TestServer, docName: string): number {
  const db = target.server.services.db;
  const count = (table: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE doc_name = ?`).get(docName) as { n: number }).n;
  return count('doc_updates') + count('doc_snapshots') + count('doc_clients');
}

function directoryRow(target: TestServer, id: string): { project_id: string; org_id: string; title: string; kind: string } | undefined {
  return target.server.services.db.prepare('SELECT project_id, org_id, title, kind FROM conversations WHERE id = ?').get(id) as
    | { project_id: string; org_id: string; title: string; kind: string }
    | undefined;
}

/** An index entry as a desktop writes one, naming `id`. */
function listIn(doc: Y.Doc, id: string, actor: Actor, title: string): void {
  setIndexEntry(doc, { id, title, createdBy: actor.userId, createdAt: new Date().toISOString() });
}

/** Sends an update and waits for its verdict: refused, or acknowledged as stored. */
async function verdict(raw: RawClient, update: Uint8Array): Promise<'refused' | 'stored'> {
  const refusals = raw.refusals.length;
  raw.sendUpdate(update);
  const written = Y.decodeStateVector(Y.encodeStateVectorFromUpdate(update));
  const covered = () => raw.stored !== undefined && [...written].every(([client, clock]) => (raw.stored?.get(client) ?? 0) >= clock);
  await waitFor(() => raw.refusals.length > refusals || covered(), 5000, 'the verdict');
  return raw.refusals.length > refusals ? 'refused' : 'stored';
}

/** Tries to list `id` in a project's index as `actor`; returns the verdict. */
async function relist(target: TestServer, projectId: string, actor: Actor, id: string, title: string): Promise<'refused' | 'stored'> {
  const raw = await open(target, `project:${projectId}`, actor);
  return verdict(raw, raw.forge((doc) => listIn(doc, id, actor, title)));
}

async function expectGone(id: string, reader: Actor): Promise<void> {
  expect(storedRows(server, `conversation:${id}`)).toBe(0);
  expect(directoryRow(server, id)).toBeUndefined();
  const raw = rawConnect(server.url, `conversation:${id}`, reader.token);
  raws.push(raw);
  expect((await raw.whenClosed()).code).toBe(closeCode.notFound);
  expect(raw.mirror.store.clients.size).toBe(0);
}

describe('a deleted conversation stays deleted', () => {
  it('deletes the document of a conversation removed from its index, and never lists its id again', async () => {
    const { owner, member } = world.actors;
    const conversation = await createConversation(world.projectId, owner, 'Short-lived');
    await writeMessages(conversation.id, owner, ['A secret plan']);
    const watcher = await open(server, `conversation:${conversation.id}`, member);

    const index = await open(server, `project:${world.projectId}`, owner);
    expect(await verdict(index, index.forge((doc) => doc.getMap('conversations').delete(conversation.id)))).toBe('stored');
    expect((await watcher.whenClosed()).code).toBe(closeCode.notFound);
    await expectGone(conversation.id, owner);

    expect(await relist(server, world.projectId, member, conversation.id, 'Back again')).toBe('refused');
    await expectGone(conversation.id, member);
    const listed = await ok<{ items: Conversation[] }>(world.client('member')('conversation.list', { params: { id: world.projectId } }), 'list');
    expect(listed.items.map((c) => c.id)).not.toContain(conversation.id);
  });

  it('deletes the documents of a deleted project, and its conversation ids come back in no project of any organization', async () => {
    const { owner, member, stranger } = world.actors;
    const project = await freshProject(world);
    const conversation = await createConversation(project.id, owner, 'Doomed');
    const personal = await createConversation(project.id, member, 'Diary', 'personal');
    await writeMessages(conversation.id, owner, ['Before the end']);
    await writeMessages(personal.id, member, ['Dear diary']);
    const settings = await open(server, `project:${project.id}`, owner);
    expect(await verdict(settings, settings.forge((doc) => doc.getMap('settings').set('systemPromptOverride', 'Be brief.')))).toBe('stored');

    await ok(world.client('owner')('project.delete', { params: { id: project.id } }), 'delete project');
    for (const name of [`project:${project.id}`, `conversation:${conversation.id}`, `conversation:${personal.id}`]) {
      await waitFor(() => storedRows(server, name) === 0, 5000, `${name} gone from storage`);
    }

    expect(await relist(server, world.projectId, member, conversation.id, 'Resurrected')).toBe('refused');
    expect(await relist(server, world.strangerProjectId, stranger, conversation.id, 'Elsewhere')).toBe('refused');
    expect(await relist(server, world.projectId, member, personal.id, 'Diary, shared')).toBe('refused');
    await expectGone(conversation.id, member);
    await expectGone(personal.id, member);
    const strangerView = rawConnect(server.url, `conversation:${conversation.id}`, stranger.token);
    raws.push(strangerView);
    expect((await strangerView.whenClosed()).code).toBe(closeCode.notFound);
  });
});

describe('an index names only conversations it created', () => {
  it("refuses an entry naming another project's, another organization's or a personal conversation, and renames none of them", async () => {
    const { owner, member, stranger } = world.actors;
    const other = await freshProject(world);
    const elsewhere = await createConversation(other.id, owner, 'Other project');
    const foreign = await createConversation(world.strangerProjectId, stranger, 'Foreign');
    const diary = await createConversation(world.projectId, owner, 'Owner diary', 'personal');
    const own = await createConversation(world.projectId, member, 'Own diary', 'personal');

    for (const target of [elsewhere, foreign, diary, own]) {
      expect(await relist(server, world.projectId, member, target.id, 'Renamed'), target.title).toBe('refused');
      const row = directoryRow(server, target.id);
      expect(row).toEqual({ project_id: target.projectId, org_id: expect.any(String), title: target.title, kind: target.kind });
    }
    expect(directoryRow(server, foreign.id)?.org_id).toBe(world.strangerOrgId);
  });

  it('accepts a new conversation listed by its creator under a fresh id, and its rename', async () => {
    const { member } = world.actors;
    const id = 'cnv_freshfreshfreshfres';
    const raw = await open(server, `project:${world.projectId}`, member);
    const created = raw.forge((doc) => listIn(doc, id, member, 'Made offline'));
    expect(await verdict(raw, created)).toBe('stored');
    expect(directoryRow(server, id)).toEqual({ project_id: world.projectId, org_id: world.orgId, title: 'Made offline', kind: 'shared' });
    const rename = raw.forge((doc) => {
      Y.applyUpdate(doc, created);
      (doc.getMap('conversations').get(id) as Y.Map<unknown>).set('title', 'Renamed online');
    });
    expect(await verdict(raw, rename)).toBe('stored');
    expect(directoryRow(server, id)?.title).toBe('Renamed online');
  });
});

describe('the mirror, where the guard is not there', () => {
  let unguarded: TestServer;
  let unguardedWorld: World;

  beforeAll(async () => {
    unguarded = await startTestServer({}, { guard: false });
    unguardedWorld = await createWorld(unguarded);
  });

  afterAll(async () => {
    await unguarded.dispose();
  });

  it("writes no row of another project or organization, and brings back no deleted conversation", async () => {
    const { owner, member, stranger } = unguardedWorld.actors;
    const request = (actor: Actor, method: string, path: string, body?: unknown) => ok<Conversation>(unguarded.request(method, path, { token: actor.token, body }), path);
    const other = await request(owner, 'POST', '/projects', { name: 'Other' });
    const elsewhere = await request(owner, 'POST', `/projects/${other.id}/conversations`, { title: 'Other project', kind: 'shared' });
    const foreign = await request(stranger, 'POST', `/projects/${unguardedWorld.strangerProjectId}/conversations`, { title: 'Foreign', kind: 'shared' });
    const gone = await request(owner, 'POST', `/projects/${unguardedWorld.projectId}/conversations`, { title: 'Gone', kind: 'shared' });
    const index = await open(unguarded, `project:${unguardedWorld.projectId}`, owner);
    expect(await verdict(index, index.forge((doc) => doc.getMap('conversations').delete(gone.id)))).toBe('stored');

    const raw = await open(unguarded, `project:${unguardedWorld.projectId}`, member);
    const update = raw.forge((doc) => {
      for (const target of [elsewhere, foreign, gone]) listIn(doc, target.id, member, 'Hijacked');
    });
    expect(await verdict(raw, update)).toBe('stored');
    const row = (id: string) => directoryRow(unguarded, id);
    expect(row(elsewhere.id)).toEqual({ project_id: other.id, org_id: unguardedWorld.orgId, title: 'Other project', kind: 'shared' });
    expect(row(foreign.id)).toEqual({ project_id: unguardedWorld.strangerProjectId, org_id: unguardedWorld.strangerOrgId, title: 'Foreign', kind: 'shared' });
    expect(row(gone.id)).toBeUndefined();
  });
});
