import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { AgentEntry } from '../../../../shared/domain/agent-entry';
import { AgentRegistryItem } from '../../../../shared/rest/agent-registry-endpoints';
import { ModelEntry } from '../../../../shared/domain/model-entry';
import { ProjectConfigView } from '../../../../shared/rest/project-config-view';
import { documentName } from '../../../../shared/sync/document-name';
import { messageType } from '../../../../shared/sync/sync-protocol';
import { answerWriteIntervalMs } from '../../../../shared/agents/answer-writer';
import { AgentRunRefused, runAgent, startAgentRun } from '../../../../main/agents/run-agent';
import type { AgentRunRequest } from '../../../../main/agents/run-agent';
import { retrievePassages } from '../../../../main/agents/knowledge-retrieval';
import { createBuiltInTools } from '../../../../main/tools/built-in-tools';
import { startOpenAiCompatibleServer } from '../../../fixtures/openai-compatible-server';
import type { OpenAiCompatibleServer } from '../../../fixtures/openai-compatible-server';
import { appendMessage, contentOf, messageById, userAuthor } from '../../sync-server/support/document-edits';
import { connect, waitFor } from '../../sync-server/support/sync-client';
import type { SyncClient } from '../../sync-server/support/sync-client';
import { startTestServer } from '../../sync-server/support/test-server';
import type { TestServer } from '../../sync-server/support/test-server';
import { createWorld } from '../../sync-server/support/world';
import type { World } from '../../sync-server/support/world';
import { openDesktop } from '../sync/support/desktop';
import type { Desktop } from '../sync/support/desktop';

/*
 * Agent runs end to end: the real sync server, a desktop's SyncManager writing the answer, a
 * second member's y-websocket client watching it, and a real local HTTP model endpoint.
 */

let server: TestServer;
let world: World;
let llm: OpenAiCompatibleServer;
let desktop: Desktop;
let agent: AgentEntry;
let model: ModelEntry;
let downModel: ModelEntry;
const watchers: SyncClient[] = [];

async function ok<T>(promise: Promise<{ status: number; body: unknown }>, parse: (body: unknown) => T): Promise<T> {
  const res = await promise;
  if (res.status >= 300) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
  return parse(res.body);
}

const owner = () => world.as('owner');

async function createModel(name: string, baseUrl: string): Promise<ModelEntry> {
  return ok(owner()('POST', '/model-registry', { body: { name, provider: { baseUrl, model: 'fixture-model' }, visibility: { level: 'public' } } }), (b) =>
    ModelEntry.parse(b),
  );
}

async function setConfig(patch: Record<string, unknown>): Promise<ProjectConfigView> {
  const current = await ok(owner()('GET', `/projects/${world.projectId}/config`), (b) => ProjectConfigView.parse(b));
  return ok(owner()('PUT', `/projects/${world.projectId}/config`, { body: { ...current.config, ...patch } }), (b) => ProjectConfigView.parse(b));
}

async function effective(): Promise<ProjectConfigView['effective']> {
  return (await ok(owner()('GET', `/projects/${world.projectId}/config`), (b) => ProjectConfigView.parse(b))).effective;
}

/** A new shared conversation with one question in it, opened and synced on the desktop. */
async function conversationWith(question: string): Promise<{ id: string; name: string }> {
  const id = await ok(owner()('POST', `/projects/${world.projectId}/conversations`, { body: { title: 'Q' } }), (b) => (b as { id: string }).id);
  const name = documentName('conversation', id);
  const opened = desktop.sync.open(name);
  const copy = new Y.Doc();
  Y.applyUpdate(copy, opened.update);
  const before = Y.encodeStateVector(copy);
  appendMessage(copy, userAuthor(world.actors.owner.userId), question);
  desktop.sync.update(name, Y.encodeStateAsUpdate(copy, before));
  await desktop.synced(name);
  return { id, name };
}

async function searchKnowledge(query: string): Promise<{ path: string; text: string }[]> {
  return retrievePassages(query, async (q) => {
    const res = await owner()('GET', `/projects/${world.projectId}/knowledge/search?q=${encodeURIComponent(q)}`);
    return (res.body as { items: { path: string; passage: string }[] }).items.map((hit) => ({ path: hit.path, text: hit.passage }));
  });
}

async function request(conversationId: string, overrides: Partial<AgentRunRequest> = {}): Promise<AgentRunRequest> {
  return {
    documents: desktop.sync,
    conversationId,
    projectId: world.projectId,
    agent,
    model,
    effective: await effective(),
    runBy: world.actors.owner.userId,
    tools: createBuiltInTools({ searchConversations: () => Promise.resolve([]), searchKnowledge: () => Promise.resolve([]) }),
    searchKnowledge,
    ...overrides,
  };
}

function message(name: string, id: string): Y.Map<unknown> {
  return messageById(desktop.sync.document(name), id);
}

beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server);
  llm = await startOpenAiCompatibleServer();
  desktop = openDesktop({ serverUrl: server.url, token: world.actors.owner.token });
  const agents = await ok(owner()('GET', '/agent-registry'), (b) => (b as { items: unknown[] }).items.map((item) => AgentRegistryItem.parse(item)));
  const assistant = agents.find((entry) => entry.isDefault);
  if (assistant === undefined) throw new Error('no default agent');
  agent = assistant;
  model = await createModel('Fixture', llm.baseUrl);
  const closed = await startOpenAiCompatibleServer();
  await closed.close();
  downModel = await createModel('Gone', closed.baseUrl);
}, 30_000);

afterAll(async () => {
  for (const watcher of watchers) watcher.destroy();
  desktop.dispose();
  await llm.close();
  await server.dispose();
});

describe('runAgent', () => {
  it('streams the answer into the conversation, and a second member sees it grow', async () => {
    const { id, name } = await conversationWith('How do deploys work?');
    const watcher = connect(server.url, name, world.actors.member.token);
    watchers.push(watcher);
    await watcher.synced();
    const lengths: number[] = [];
    watcher.doc.on('update', () => {
      const last = watcher.doc.getArray<Y.Map<unknown>>('messages').toArray().at(-1);
      const content = last?.get('content');
      if (content instanceof Y.Text && lengths.at(-1) !== content.length) lengths.push(content.length);
    });
    const pieces = ['Deploys ', 'go through ', 'the pipeline ', 'every hour.'];
    llm.enqueue({ kind: 'text', pieces, delayMs: 60 });
    const outcome = await runAgent(await request(id));
    expect(outcome).toMatchObject({ status: 'complete', error: null, rounds: 1 });
    const answer = message(name, outcome.messageId);
    expect(contentOf(answer).toString()).toBe(pieces.join(''));
    expect(answer.get('author')).toEqual({ kind: 'agent', agentId: agent.id, modelId: model.id, runBy: world.actors.owner.userId });
    await waitFor(() => lengths.at(-1) === pieces.join('').length, 5000, 'the whole answer at the watcher');
    // The watcher saw partial answers before the whole one.
    expect(lengths.filter((length) => length > 0 && length < pieces.join('').length).length).toBeGreaterThanOrEqual(2);
    const seen = watcher.doc.getArray<Y.Map<unknown>>('messages').toArray().at(-1);
    await waitFor(() => seen?.get('status') === 'complete', 5000, 'complete at the watcher');
    // The request carried the agent's prompt first and the question after.
    const sent = llm.requests.at(-1)?.messages as { role: string; content: string }[];
    expect(sent[0]?.role).toBe('system');
    expect(sent.at(-1)).toEqual({ role: 'user', content: 'How do deploys work?' });
  });

  it('writes a 500-token answer in a handful of document updates, not one per token', async () => {
    const { id, name } = await conversationWith('Tell me a long story.');
    const pieces = Array.from({ length: 500 }, (_, i) => `w${i} `);
    llm.enqueue({ kind: 'text', pieces });
    let updates = 0;
    const started = performance.now();
    const counted = {
      document: (doc: string) => desktop.sync.document(doc),
      update: (doc: string, update: Uint8Array) => {
        updates += 1;
        desktop.sync.update(doc, update);
      },
    };
    const outcome = await runAgent(await request(id, { documents: counted }));
    expect(outcome.status).toBe('complete');
    expect(contentOf(message(name, outcome.messageId)).toString()).toBe(pieces.join(''));
    const elapsed = performance.now() - started;
    // The message itself, the final status, the first text at once, then one write per interval at most:
    // a bound that holds however slowly the machine streams (the bench reports the count itself).
    expect(updates).toBeGreaterThanOrEqual(3);
    expect(updates).toBeLessThanOrEqual(3 + Math.ceil(elapsed / answerWriteIntervalMs));
  });

  it('refuses a tool outside the allowlist, records it and tells the model', async () => {
    await setConfig({ toolAllowlist: ['calculator'] });
    try {
      const { id, name } = await conversationWith('What time is it, and what is 2+3?');
      const before = llm.requests.length;
      llm.enqueue(
        { kind: 'tool-calls', calls: [{ id: 'call_time', name: 'current_time', arguments: '{}' }, { id: 'call_calc', name: 'calculator', arguments: '{"expression":"2+3"}' }] },
        { kind: 'text', pieces: ['It is 5.'] },
      );
      const outcome = await runAgent(await request(id));
      expect(outcome.status).toBe('complete');
      expect(llm.requests.length - before).toBe(2);
      const first = llm.requests[before];
      expect((first?.tools as { function: { name: string } }[]).map((tool) => tool.function.name)).toEqual(['calculator']);
      const second = llm.requests[before + 1]?.messages as { role: string; tool_call_id?: string; content: string }[];
      const refusal = second.find((entry) => entry.role === 'tool' && entry.tool_call_id === 'call_time');
      expect(JSON.parse(refusal?.content ?? '{}')).toEqual({ error: 'The tool "current_time" is not allowed in this project.' });
      expect(second.find((entry) => entry.tool_call_id === 'call_calc')?.content).toContain('5');
      const calls = message(name, outcome.messageId).get('toolCalls') as { name: string; error: string | null; result: string | null }[];
      expect(calls.map((call) => [call.name, call.error === null])).toEqual([
        ['current_time', false],
        ['calculator', true],
      ]);
      await desktop.synced(name);
    } finally {
      await setConfig({ toolAllowlist: null });
    }
  });

  it('refuses a locked model before any request, and the server refuses an answer claiming it', async () => {
    const other = await createModel('Allowed', llm.baseUrl);
    await setConfig({ modelLock: [other.id] });
    try {
      const { id, name } = await conversationWith('Hello?');
      const before = llm.requests.length;
      const lengthBefore = desktop.sync.document(name).getArray('messages').length;
      await expect(runAgent(await request(id))).rejects.toThrow(AgentRunRefused);
      await expect(runAgent(await request(id))).rejects.toThrow(/not allowed in this project/);
      expect(llm.requests.length).toBe(before);
      expect(desktop.sync.document(name).getArray('messages').length).toBe(lengthBefore);

      // A client that skips the check: the server's guard refuses its answer.
      const raw = connect(server.url, name, world.actors.owner.token);
      watchers.push(raw);
      await raw.synced();
      raw.doc.getArray<Y.Map<unknown>>('messages').push([
        (() => {
          const entry = new Y.Map<unknown>();
          entry.set('id', 'msg_rawlockedmodel00000001');
          entry.set('author', { kind: 'agent', agentId: agent.id, modelId: model.id, runBy: world.actors.owner.userId });
          entry.set('createdAt', new Date().toISOString());
          entry.set('content', new Y.Text('sneaky'));
          entry.set('status', 'complete');
          return entry;
        })(),
      ]);
      await waitFor(() => raw.refusals.length > 0, 5000, 'a refusal');
      expect(messageType.refused).toBe(101);
      expect(raw.refusals[0]).toMatch(/model/i);
    } finally {
      await setConfig({ modelLock: null });
    }
  });

  it('writes a clear message and ends in error when the endpoint is down', async () => {
    const { id, name } = await conversationWith('Anyone there?');
    const outcome = await runAgent(await request(id, { model: downModel }));
    expect(outcome.status).toBe('error');
    const answer = message(name, outcome.messageId);
    expect(answer.get('status')).toBe('error');
    const text = contentOf(answer).toString();
    expect(text).toMatch(/Could not reach the model endpoint/);
    expect(text).not.toMatch(/\n\s+at /);
    await desktop.synced(name);
  });

  it('writes a clear message when the endpoint sends malformed chunks, keeping what arrived', async () => {
    const { id, name } = await conversationWith('Say something');
    llm.enqueue({ kind: 'malformed', before: ['Partial '] });
    const outcome = await runAgent(await request(id));
    expect(outcome.status).toBe('error');
    const text = contentOf(message(name, outcome.messageId)).toString();
    expect(text.startsWith('Partial ')).toBe(true);
    expect(text).toMatch(/could not be read/);
    await desktop.synced(name);
  });

  it('cancels mid-stream: status cancelled and the connection closed', async () => {
    const { id, name } = await conversationWith('Tell me a long story');
    const controller = new AbortController();
    llm.enqueue({ kind: 'stall', before: ['Once upon '] });
    const started = startAgentRun(await request(id, { signal: controller.signal }));
    await waitFor(() => contentOf(message(name, started.messageId)).toString() === 'Once upon ', 5000, 'the first piece');
    const received = llm.requests.at(-1);
    if (received === undefined) throw new Error('no request');
    controller.abort();
    const outcome = await started.finished;
    expect(outcome.status).toBe('cancelled');
    expect(message(name, started.messageId).get('status')).toBe('cancelled');
    expect(await llm.ended(received)).toBe('closed-by-client');
    await desktop.synced(name);
  });

  it('cites knowledge passages with their paths in the request', async () => {
    const base = await ok(owner()('POST', '/knowledge-bases', { body: { name: 'Platform', owner: { kind: 'project', projectId: world.projectId } } }), (b) => b as { id: string });
    await ok(owner()('POST', `/knowledge-bases/${base.id}/documents`, { body: { path: 'teams/platform/guide.md', content: 'Rollbacks use the blue-green switch in the console.' } }), (b) => b);
    await setConfig({ knowledgeBaseIds: [base.id] });
    const { id, name } = await conversationWith('How do rollbacks work here?');
    llm.enqueue({ kind: 'text', pieces: ['Use the switch [teams/platform/guide.md].'] });
    const outcome = await runAgent(await request(id));
    expect(outcome.status).toBe('complete');
    const system = (llm.requests.at(-1)?.messages as { role: string; content: string }[])[0];
    expect(system?.role).toBe('system');
    expect(system?.content).toContain('[teams/platform/guide.md]');
    expect(system?.content).toContain('blue-green switch');
    await desktop.synced(name);
  });

  it('serves stats from the runs the server stored', async () => {
    const stats = await ok(owner()('GET', `/agent-registry/${agent.id}/stats`), (b) => b as { invocations: number; errorRate: number; toolCalls: Record<string, number> });
    // Runs so far: streamed, long, tools, down, malformed, cancelled, knowledge = 7; 2 errors; 2 tool calls.
    expect(stats.invocations).toBe(7);
    expect(stats.errorRate).toBeCloseTo(2 / 7);
    expect(stats.toolCalls).toEqual({ current_time: 1, calculator: 1 });
  });
});
