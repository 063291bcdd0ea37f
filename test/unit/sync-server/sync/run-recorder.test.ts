import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import type { AgentStats } from '../../../../shared/domain/agent-stats';
import type { MessageAuthor, ToolCall } from '../../../../shared/domain/message';
import { appendMessage, messageMaps, readMessages } from '../../../../shared/sync/conversation-document';
import { newEntityId } from '../../../../shared/domain/new-entity-id';
import { contentOf, messageById, ratingsOf } from '../support/document-edits';
import { connect, waitFor } from '../support/sync-client';
import type { SyncClient } from '../support/sync-client';
import { startTestServer } from '../support/test-server';
import type { TestServer } from '../support/test-server';
import { createWorld } from '../support/world';
import type { World, WorldRole } from '../support/world';

/*
 * Agent runs and the registry's statistics come from what members' apps write into conversation
 * documents and the server stores: real providers stream answers, complete them, fail them and
 * rate them, and the statistics follow. Nothing here reports a number to the server.
 */

/** A model the project's members can see, the only one its lock allows. */
let allowedModel: string;
const lockedOutModel = 'mdl_lockedoutlockedout';

interface RunRow {
  agent_id: string;
  project_id: string;
  conversation_id: string;
  model_id: string;
  run_by: string;
  started_at: string;
  duration_ms: number;
  outcome: string;
  tool_calls: string;
  rating: number | null;
  message_id: string;
}

let server: TestServer;
let world: World;
let agentId: string;
let conversationName: string;
const clients: SyncClient[] = [];

function open(role: WorldRole): SyncClient {
  const client = connect(server.url, conversationName, world.actors[role].token);
  clients.push(client);
  return client;
}

function agentAuthor(modelId = allowedModel): MessageAuthor {
  return { kind: 'agent', agentId, modelId, runBy: world.actors.member.userId };
}

/** Starts an answer as the app does: an empty streaming message, filled in afterwards. */
function startAnswer(doc: Y.Doc, author: MessageAuthor, createdAt = new Date().toISOString()): string {
  const id = newEntityId('msg');
  appendMessage(doc, { id, author, createdAt, text: '', status: 'streaming' });
  return id;
}

function toolCall(name: string): ToolCall {
  return { id: newEntityId('msg'), name, arguments: '{}', result: 'done', error: null };
}

/** The run as the server records it once the index has caught up with what is stored, as a REST read of the statistics waits for. */
function runOf(messageId: string): RunRow | undefined {
  server.server.hub.settle();
  return server.server.services.db.prepare('SELECT * FROM agent_runs WHERE message_id = ?').get(messageId) as RunRow | undefined;
}

function runCount(messageId: string): number {
  server.server.hub.settle();
  return (server.server.services.db.prepare('SELECT COUNT(*) AS n FROM agent_runs WHERE message_id = ?').get(messageId) as { n: number }).n;
}

async function stats(): Promise<AgentStats> {
  const res = await world.client('member')('agent.stats', { params: { id: agentId } });
  expect(res.status).toBe(200);
  return res.body as AgentStats;
}

beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server);
  const agent = await world.client('member')('agent.create', { body: { name: 'Analyst', systemPrompt: 'Answer with numbers.', visibility: { level: 'project', projectId: world.projectId } } });
  expect(agent.status).toBe(201);
  agentId = (agent.body as { id: string }).id;
  const model = await world.client('member')('model.create', { body: { name: 'Counter', provider: { baseUrl: 'http://127.0.0.1:11434/v1', model: 'llama3.1:8b' }, visibility: { level: 'project', projectId: world.projectId } } });
  expect(model.status).toBe(201);
  allowedModel = (model.body as { id: string }).id;
  // The lock names models by id; the guard checks answers against it.
  const editorProject = connect(server.url, `project:${world.projectId}`, world.actors.editor.token);
  clients.push(editorProject);
  await editorProject.synced();
  editorProject.doc.getMap('settings').set('modelLock', [allowedModel]);
  await editorProject.storedAll();
  expect(editorProject.refusals).toEqual([]);
  const conversation = await world.client('member')('conversation.create', { params: { id: world.projectId }, body: { title: 'Numbers', kind: 'shared' } });
  expect(conversation.status).toBe(201);
  conversationName = `conversation:${(conversation.body as { id: string }).id}`;
});

afterAll(async () => {
  for (const client of clients) client.destroy();
  await server.dispose();
});

describe('agent runs recorded from stored conversation documents', () => {
  let completedId: string;

  it('records nothing while an answer streams, then one run when it completes, timed by the server', async () => {
    const member = open('member');
    const watcher = open('viewer');
    await member.synced();
    await watcher.synced();
    const before = Date.now();
    const createdAt = new Date().toISOString();
    completedId = startAnswer(member.doc, agentAuthor(), createdAt);
    await member.storedAll();
    const streamingStored = Date.now();
    const message = messageById(member.doc, completedId);
    for (const words of ['Revenue ', 'grew ', '12% ']) {
      contentOf(message).insert(contentOf(message).length, words);
      await member.storedAll();
    }
    // The second member sees the answer grow; no run exists while it does.
    await waitFor(() => messageMaps(watcher.doc).length === 1 && readMessages(watcher.doc)[0]?.content === 'Revenue grew 12% ');
    expect(runOf(completedId)).toBeUndefined();
    expect((await stats()).invocations).toBe(0);

    message.set('toolCalls', [toolCall('search'), toolCall('calculator'), toolCall('search')]);
    await member.storedAll();
    // Let the server's clock move on measurably before the answer ends.
    await waitFor(() => Date.now() - streamingStored >= 40, 1000, 'time to pass');
    contentOf(message).insert(contentOf(message).length, 'this quarter.');
    message.set('status', 'complete');
    await member.storedAll();
    const elapsed = Date.now() - before;

    const run = runOf(completedId);
    expect(run).toMatchObject({
      agent_id: agentId,
      project_id: world.projectId,
      conversation_id: conversationName.slice('conversation:'.length),
      model_id: allowedModel,
      run_by: world.actors.member.userId,
      started_at: createdAt,
      outcome: 'ok',
      rating: null,
      message_id: completedId,
    });
    expect(JSON.parse(run?.tool_calls ?? '{}')).toEqual({ search: 2, calculator: 1 });
    expect(run?.duration_ms).toBeGreaterThanOrEqual(40);
    expect(run?.duration_ms).toBeLessThanOrEqual(elapsed);
    expect(await stats()).toEqual({
      agentId,
      invocations: 1,
      ratingCount: 0,
      averageRating: null,
      toolCalls: { calculator: 1, search: 2 },
      errorRate: 0,
      perProject: [{ projectId: world.projectId, invocations: 1, ratingCount: 0, averageRating: null, toolCalls: { calculator: 1, search: 2 }, errorRate: 0 }],
    });
  });

  it('keeps one run per message, and averages its ratings as they are given and changed', async () => {
    const editor = open('editor');
    const member = open('member');
    await editor.synced();
    await member.synced();
    ratingsOf(messageById(editor.doc, completedId)).set(world.actors.editor.userId, 4);
    await editor.storedAll();
    expect(runOf(completedId)?.rating).toBe(4);
    ratingsOf(messageById(member.doc, completedId)).set(world.actors.member.userId, 5);
    await member.storedAll();
    expect(runOf(completedId)?.rating).toBe(4.5);
    ratingsOf(messageById(editor.doc, completedId)).set(world.actors.editor.userId, 2);
    await editor.storedAll();
    expect(runOf(completedId)?.rating).toBe(3.5);
    // Editing the finished answer changes nothing about the run but is stored like any edit.
    contentOf(messageById(member.doc, completedId)).insert(0, 'Summary: ');
    await member.storedAll();
    expect(runCount(completedId)).toBe(1);
    const current = await stats();
    expect([current.invocations, current.ratingCount, current.averageRating]).toEqual([1, 1, 3.5]);
  });

  it('counts an answer that ended in an error in the error rate, and a cancelled one as a run', async () => {
    const member = open('member');
    await member.synced();
    const failed = startAnswer(member.doc, agentAuthor());
    await member.storedAll();
    contentOf(messageById(member.doc, failed)).insert(0, 'The model endpoint did not answer in time.');
    messageById(member.doc, failed).set('status', 'error');
    const cancelled = startAnswer(member.doc, agentAuthor());
    await member.storedAll();
    messageById(member.doc, cancelled).set('status', 'cancelled');
    await member.storedAll();
    expect([runOf(failed)?.outcome, runOf(cancelled)?.outcome]).toEqual(['error', 'cancelled']);
    const current = await stats();
    expect(current.invocations).toBe(3);
    expect(current.errorRate).toBeCloseTo(1 / 3);
    expect(current.toolCalls).toEqual({ calculator: 1, search: 2 });
  });

  it('records an answer written complete at once, and never a person’s message', async () => {
    const member = open('member');
    await member.synced();
    // One transaction, so the server never sees a streaming phase, however its batches fall.
    const whole = member.doc.transact(() => {
      const id = startAnswer(member.doc, agentAuthor(), new Date(Date.now() - 1000).toISOString());
      messageById(member.doc, id).set('status', 'complete');
      return id;
    });
    const said = startAnswer(member.doc, { kind: 'user', userId: world.actors.member.userId });
    messageById(member.doc, said).set('status', 'complete');
    await member.storedAll();
    expect(runOf(whole)).toMatchObject({ outcome: 'ok' });
    // Without a streaming phase the server saw, the run lasts from the time the answer gives.
    expect(runOf(whole)?.duration_ms).toBeGreaterThanOrEqual(1000);
    expect(runOf(said)).toBeUndefined();
    expect((await stats()).invocations).toBe(4);
  });

  it('never records a run for an answer from a model the project does not allow: the guard refuses it', async () => {
    const member = open('member');
    await member.synced();
    const refused = startAnswer(member.doc, agentAuthor(lockedOutModel));
    messageById(member.doc, refused).set('status', 'complete');
    await waitFor(() => member.refusals.length > 0, 5000, 'the refusal');
    expect(member.refusals[0]).toMatch(new RegExp(`The model ${lockedOutModel} is not allowed in this project`));
    // An answer from an allowed model written after it is stored, so the refused one was not waiting somewhere.
    const writer = open('member');
    await writer.synced();
    const later = startAnswer(writer.doc, agentAuthor());
    messageById(writer.doc, later).set('status', 'complete');
    await writer.storedAll();
    expect(runOf(later)).toBeDefined();
    expect(runOf(refused)).toBeUndefined();
    expect((await stats()).invocations).toBe(5);
    expect(server.server.services.db.prepare('SELECT COUNT(*) AS n FROM agent_runs WHERE model_id = ?').get(lockedOutModel)).toEqual({ n: 0 });
  });

  it('keeps the runs across a restart of the server, from storage', async () => {
    const before = await stats();
    expect(before.invocations).toBe(5);
    for (const client of clients.splice(0)) client.destroy();
    await server.stop();
    const restarted = await startTestServer({ dataDir: server.dataDir });
    try {
      const res = await restarted.request<AgentStats>('GET', `/agent-registry/${agentId}/stats`, { token: world.actors.member.token });
      expect(res.body).toEqual(before);
    } finally {
      await restarted.dispose();
    }
  });
});
