import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Conversation } from '../../../../shared/domain/conversation';
import { Message } from '../../../../shared/domain/message';
import { ProjectExport } from '../../../../shared/rest/project-export';
import type { ProjectSearchHit } from '../../../../shared/rest/project-search';
import { appendMessage, messageList } from '../../../../shared/sync/conversation-document';
import { newEntityId } from '../../../../shared/domain/new-entity-id';
import { contentOf, messageById, userAuthor, writeMessage } from '../support/document-edits';
import { errorOf, freshProject, ok } from '../support/project-fixtures';
import { connect } from '../support/sync-client';
import type { SyncClient } from '../support/sync-client';
import { startTestServer } from '../support/test-server';
import type { TestServer } from '../support/test-server';
import { createWorld } from '../support/world';
import type { World, WorldRole } from '../support/world';

/*
 * Project search and export reach the messages the server has stored in conversation documents,
 * written here by real providers, and only those of conversations the caller may read: another
 * member's personal conversation never shows, in a hit or in an export.
 */

let server: TestServer;
let world: World;
let agentId: string;
let shared: Conversation;
let memberPersonal: Conversation;
let editorPersonal: Conversation;
let launchMessageId: string;
let diaryMessageId: string;
const clients: SyncClient[] = [];

async function conversation(role: WorldRole, title: string, kind: 'shared' | 'personal', projectId = world.projectId): Promise<Conversation> {
  return ok<Conversation>(world.client(role)('conversation.create', { params: { id: projectId }, body: { title, kind } }), title);
}

async function writer(role: WorldRole, conversationId: string): Promise<SyncClient> {
  const client = connect(server.url, `conversation:${conversationId}`, world.actors[role].token);
  clients.push(client);
  await client.synced();
  return client;
}

async function say(role: WorldRole, conversationId: string, text: string): Promise<string> {
  const client = await writer(role, conversationId);
  const id = writeMessage(client.doc, userAuthor(world.actors[role].userId), text);
  await client.storedAll();
  expect(client.refusals).toEqual([]);
  return id;
}

async function search(role: WorldRole, q: string, limit?: number): Promise<ProjectSearchHit[]> {
  const res = await world.as(role)('GET', `/projects/${world.projectId}/search?q=${encodeURIComponent(q)}${limit === undefined ? '' : `&limit=${limit}`}`);
  expect(res.status).toBe(200);
  return (res.body as { items: ProjectSearchHit[] }).items.filter((hit) => hit.kind === 'message');
}

beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server);
  const agent = await ok<{ id: string }>(
    world.client('member')('agent.create', { body: { name: 'Planner', systemPrompt: 'Plan.', visibility: { level: 'project', projectId: world.projectId } } }),
    'agent',
  );
  agentId = agent.id;
  shared = await conversation('member', 'Launch planning', 'shared');
  memberPersonal = await conversation('member', 'Member diary', 'personal');
  editorPersonal = await conversation('editor', 'Editor scratchpad', 'personal');
  launchMessageId = await say('member', shared.id, 'The zeppelin launch is on Tuesday at dawn.');
  diaryMessageId = await say('member', memberPersonal.id, 'My secret zeppelin diary.');
  await say('editor', editorPersonal.id, 'Editor zeppelin scratch notes.');
  const elsewhere = await freshProject(world);
  await say('editor', (await conversation('editor', 'Elsewhere', 'shared', elsewhere.id)).id, 'A zeppelin in another project.');
});

afterAll(async () => {
  for (const client of clients) client.destroy();
  await server.dispose();
});

describe('GET /projects/:id/search over messages', () => {
  it('finds messages in the conversations the caller may read, never in anyone else’s personal one', async () => {
    const forViewer = await search('viewer', 'zeppelin');
    expect(forViewer).toEqual([
      { kind: 'message', id: launchMessageId, field: 'content', title: 'Launch planning', conversationId: shared.id, snippet: 'The zeppelin launch is on Tuesday at dawn.' },
    ]);
    expect((await search('member', 'zeppelin')).map((hit) => hit.conversationId).sort()).toEqual([shared.id, memberPersonal.id].sort());
    expect((await search('editor', 'zeppelin')).map((hit) => hit.conversationId).sort()).toEqual([shared.id, editorPersonal.id].sort());
    // Org owners own the project, and still not other people's personal conversations.
    expect((await search('owner', 'zeppelin')).map((hit) => hit.conversationId)).toEqual([shared.id]);
    expect((await world.client('outsider')('project.search', { params: { id: world.projectId }, query: { q: 'zeppelin' } })).status).toBe(404);
  });

  it('indexes an answer once it stops streaming, and follows edits and deletions', async () => {
    const member = await writer('member', shared.id);
    const id = newEntityId('msg');
    appendMessage(member.doc, {
      id,
      author: { kind: 'agent', agentId, modelId: 'mdl_anymodelanymodelany', runBy: world.actors.member.userId },
      createdAt: new Date().toISOString(),
      text: 'The quasar ',
      status: 'streaming',
    });
    await member.storedAll();
    expect(await search('viewer', 'quasar')).toEqual([]);
    contentOf(messageById(member.doc, id)).insert(11, 'is bright.');
    messageById(member.doc, id).set('status', 'complete');
    await member.storedAll();
    expect((await search('viewer', 'quasar')).map((hit) => [hit.id, hit.snippet])).toEqual([[id, 'The quasar is bright.']]);

    const launch = contentOf(messageById(member.doc, launchMessageId));
    const at = launch.toString().indexOf('Tuesday');
    launch.delete(at, 'Tuesday'.length);
    launch.insert(at, 'Thursday');
    await member.storedAll();
    expect(await search('viewer', 'tuesday')).toEqual([]);
    expect((await search('viewer', 'thursday')).map((hit) => hit.id)).toEqual([launchMessageId]);

    expect((await search('member', 'diary')).map((hit) => hit.id)).toEqual([diaryMessageId]);
    const diary = await writer('member', memberPersonal.id);
    messageList(diary.doc).delete(0, 1);
    // A deletion adds nothing to the state vector an acknowledgement covers: a message sent after
    // it, on the same connection, is stored with it or later.
    writeMessage(diary.doc, userAuthor(world.actors.member.userId), 'Closed.');
    await diary.storedAll();
    expect(diary.refusals).toEqual([]);
    expect(await search('member', 'diary')).toEqual([]);
  });

  it('honours the limit across titles and messages', async () => {
    for (let i = 0; i < 3; i++) await say('member', shared.id, `Limit probe ${i}`);
    const res = await world.client('viewer')('project.search', { params: { id: world.projectId }, query: { q: 'probe', limit: '2' } });
    expect((res.body as { items: ProjectSearchHit[] }).items).toHaveLength(2);
  });
});

describe('GET /projects/:id/export with messages', () => {
  it('carries the messages of the conversations the exporter may read, as stored, with names', async () => {
    const res = await world.client('editor')('project.export', { params: { id: world.projectId } });
    expect(res.status).toBe(200);
    const exported = ProjectExport.parse(res.body);
    const byConversation = (id: string) => exported.messages.filter((message) => message.conversationId === id);
    expect(byConversation(shared.id).map((message) => message.content)).toEqual([
      'The zeppelin launch is on Thursday at dawn.',
      'The quasar is bright.',
      'Limit probe 0',
      'Limit probe 1',
      'Limit probe 2',
    ]);
    expect(byConversation(editorPersonal.id).map((message) => message.content)).toEqual(['Editor zeppelin scratch notes.']);
    expect(byConversation(memberPersonal.id)).toEqual([]);
    expect(exported.messages.every((message) => Message.safeParse(message).success)).toBe(true);
    expect(exported.messages.find((message) => message.author.kind === 'agent')).toMatchObject({ status: 'complete', author: { agentId } });
    expect(exported.names.users[world.actors.member.userId]).toBe('member');
    expect(exported.names.agents).toEqual({ [agentId]: 'Planner' });
    // A model id the registry does not hold gets no name.
    expect(exported.names.models).toEqual({});
  });

  it('answers one Markdown document with format=markdown', async () => {
    const response = await fetch(`${server.url}/api/v1/projects/${world.projectId}/export?format=markdown`, {
      headers: { authorization: `Bearer ${world.actors.editor.token}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    const markdown = await response.text();
    expect(markdown.startsWith('# Alpha\n')).toBe(true);
    expect(markdown).toContain('## Members\n');
    expect(markdown).toContain('### Launch planning\n\n_Shared conversation started by member on ');
    expect(markdown).toContain('### Editor scratchpad\n\n_Personal conversation started by editor on ');
    expect(markdown).toMatch(/\*\*member\*\* · \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\n\n> The zeppelin launch is on Thursday at dawn\.\n/);
    // A model the registry does not name is shown by its id.
    expect(markdown).toMatch(/\*\*Planner\*\* · model _an entry you cannot see_ · run by member · .* UTC\n\n> The quasar is bright\.\n/);
    expect(markdown).not.toContain('secret');
    expect(markdown).not.toContain('Member diary');
    const audit = server.server.services.db
      .prepare("SELECT detail FROM audit_events WHERE action = 'project.export' AND actor_id = ? ORDER BY seq DESC LIMIT 1")
      .get(world.actors.editor.userId) as { detail: string };
    expect(JSON.parse(audit.detail)).toEqual({ format: 'markdown' });
  });

  it('refuses an unknown format, naming it, and keeps export to editors and owners', async () => {
    const res = await world.as('editor')('GET', `/projects/${world.projectId}/export?format=pdf`);
    expect([res.status, errorOf(res).field]).toEqual([400, 'format']);
    expect((await world.client('member')('project.export', { params: { id: world.projectId }, query: { format: 'markdown' } })).status).toBe(403);
  });
});
