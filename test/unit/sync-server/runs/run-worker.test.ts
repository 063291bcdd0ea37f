import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatMessageCreated, QueuedRunView } from '../../../../shared/domain/queued-run';
import { readMessages } from '../../../../shared/sync/conversation-document';
import { startOpenAiCompatibleServer } from '../../../fixtures/openai-compatible-server';
import type { OpenAiCompatibleServer } from '../../../fixtures/openai-compatible-server';
import { connect, waitFor } from '../support/sync-client';
import type { SyncClient } from '../support/sync-client';
import { startTestServer } from '../support/test-server';
import type { TestServer } from '../support/test-server';
import { createWorld } from '../support/world';
import type { World } from '../support/world';

/*
 * The server answers an agent whose model uses a server connection: queued by the member, taken
 * by the worker, streamed from the fixture provider into the conversation as the agent (run by
 * the member), with no app of the member's open, while another member watches it grow.
 */

const providerKey = 'sk-fixture-key-never-shown';
let provider: OpenAiCompatibleServer;
let server: TestServer;
let world: World;
let agentId: string;
let conversationId: string;
const clients: SyncClient[] = [];

beforeAll(async () => {
  provider = await startOpenAiCompatibleServer({ apiKey: providerKey });
  server = await startTestServer({ runsPerOrganization: 1 });
  world = await createWorld(server);
  const connection = await world.as('owner')('POST', '/connections', { body: { name: 'Fixture', baseUrl: provider.baseUrl, apiKey: providerKey, defaultParams: { temperature: 0.2 } } });
  expect(connection.status).toBe(201);
  const model = await world.as('member')('POST', '/model-registry', {
    body: { name: 'Served', provider: { connectionId: (connection.body as { id: string }).id, model: 'fixture-model' }, visibility: { level: 'project', projectId: world.projectId } },
  });
  expect(model.status).toBe(201);
  const agent = await world.as('member')('POST', '/agent-registry', {
    body: { name: 'Helper', systemPrompt: 'Be brief.', modelId: (model.body as { id: string }).id, visibility: { level: 'project', projectId: world.projectId } },
  });
  expect(agent.status).toBe(201);
  agentId = (agent.body as { id: string }).id;
  const conversation = await world.as('member')('POST', `/projects/${world.projectId}/conversations`, { body: { title: 'Served answers', kind: 'shared' } });
  conversationId = (conversation.body as { id: string }).id;
});

afterAll(async () => {
  for (const client of clients) client.destroy();
  await server.dispose();
  await provider.close();
});

function watch(token: string): SyncClient {
  const client = connect(server.url, `conversation:${conversationId}`, token);
  clients.push(client);
  return client;
}

describe('the run worker', () => {
  it('answers a message posted with an agent, streaming it live to a member watching, with the connection key', async () => {
    const viewer = watch(world.actors.viewer.token);
    await viewer.synced();
    provider.enqueue({ kind: 'text', pieces: ['The answer ', 'comes ', 'from ', 'the server.'], delayMs: 30 });
    const posted = await world.as('member')('POST', `/conversations/${conversationId}/messages`, { body: { content: 'What runs where?', agentId } });
    expect(posted.status, JSON.stringify(posted.body)).toBe(201);
    const { messageId, run } = posted.body as ChatMessageCreated;
    expect(run?.state).toBe('waiting');
    const answerOf = () => readMessages(viewer.doc).find((message) => message.id === run?.messageId);
    await waitFor(() => answerOf()?.status === 'complete', 20_000, 'the answer to complete');
    const answer = answerOf();
    expect(answer?.content).toBe('The answer comes from the server.');
    expect(answer?.author).toEqual({ kind: 'agent', agentId, modelId: run?.modelId, runBy: world.actors.member.userId });
    expect(answer?.parentId).toBe(messageId);
    const request = provider.requests.at(-1);
    expect(request?.headers.authorization).toBe(`Bearer ${providerKey}`);
    expect(request?.messages).toEqual([
      { role: 'system', content: expect.stringContaining('Be brief.') },
      { role: 'user', content: 'What runs where?' },
    ]);
    expect((request?.body as { temperature?: number }).temperature).toBe(0.2);
    const open = await world.as('member')('GET', `/conversations/${conversationId}/runs`);
    expect(open.body).toEqual({ items: [] });
  });

  it('shows a run beyond the limit as waiting, and a member stops it before it starts', async () => {
    provider.enqueue({ kind: 'stall', before: ['Thinking'] });
    const first = (await world.as('member')('POST', `/conversations/${conversationId}/runs`, { body: { agentId } })).body as QueuedRunView;
    await provider.received(2);
    const second = await world.as('editor')('POST', `/conversations/${conversationId}/runs`, { body: { agentId } });
    expect(second.status, JSON.stringify(second.body)).toBe(201);
    const queued = second.body as QueuedRunView;
    const listed = (await world.as('viewer')('GET', `/conversations/${conversationId}/runs`)).body as { items: QueuedRunView[] };
    expect(listed.items.map((item) => [item.id, item.state])).toEqual([
      [first.id, 'running'],
      [queued.id, 'waiting'],
    ]);
    const watcher = watch(world.actors.owner.token);
    await watcher.synced();
    expect(readMessages(watcher.doc).find((message) => message.id === queued.messageId)?.status).toBe('waiting');
    // A viewer may not stop answers; the member who may ask may.
    expect((await world.as('viewer')('POST', `/conversations/${conversationId}/runs/${queued.id}/cancel`)).status).toBe(403);
    const stopped = await world.as('member')('POST', `/conversations/${conversationId}/runs/${queued.id}/cancel`);
    expect((stopped.body as QueuedRunView).state).toBe('cancelled');
    await waitFor(() => readMessages(watcher.doc).find((message) => message.id === queued.messageId)?.status === 'cancelled', 10_000, 'the waiting answer to end');
    // The running one stops too, keeping what it had written.
    await world.as('member')('POST', `/conversations/${conversationId}/runs/${first.id}/cancel`);
    await waitFor(() => readMessages(watcher.doc).find((message) => message.id === first.messageId)?.status === 'cancelled', 10_000, 'the running answer to stop');
    expect(readMessages(watcher.doc).find((message) => message.id === first.messageId)?.content).toBe('Thinking');
  });

  it('ends a run whose provider fails with a notice in the answer, never streaming', async () => {
    provider.enqueue({ kind: 'http-error', status: 500, message: 'model crashed' });
    const run = (await world.as('member')('POST', `/conversations/${conversationId}/runs`, { body: { agentId } })).body as QueuedRunView;
    const watcher = watch(world.actors.member.token);
    await watcher.synced();
    await waitFor(() => readMessages(watcher.doc).find((message) => message.id === run.messageId)?.status === 'error', 20_000, 'the failed answer');
    expect(readMessages(watcher.doc).find((message) => message.id === run.messageId)?.content).toContain('model crashed');
  });

  it('refuses what the guard or the policy refuses: a viewer posting, a stranger, a desktop-only model', async () => {
    expect((await world.as('viewer')('POST', `/conversations/${conversationId}/messages`, { body: { content: 'hello' } })).status).toBe(403);
    expect((await world.as('stranger')('POST', `/conversations/${conversationId}/messages`, { body: { content: 'hello' } })).status).toBe(404);
    expect((await world.as('outsider')('GET', `/conversations/${conversationId}/runs`)).status).toBe(404);
    const local = await world.as('member')('POST', '/model-registry', {
      body: { name: 'Local', provider: { baseUrl: 'http://127.0.0.1:9/v1', model: 'm' }, visibility: { level: 'project', projectId: world.projectId } },
    });
    const refused = await world.as('member')('POST', `/conversations/${conversationId}/runs`, { body: { agentId, modelId: (local.body as { id: string }).id } });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ error: { field: 'modelId' } });
  });
});
