import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { AgentEntry } from '../../../../shared/domain/agent-entry';
import { AgentRegistryItem } from '../../../../shared/rest/agent-registry-endpoints';
import { ModelEntry } from '../../../../shared/domain/model-entry';
import { ProjectConfigView } from '../../../../shared/rest/project-config-view';
import { documentName } from '../../../../shared/sync/document-name';
import { messageType } from '../../../../shared/sync/sync-protocol';
import { appendMessage } from '../../../../shared/sync/conversation-document';
import { answerWriteIntervalMs } from '../../../../shared/agents/answer-writer';
import { AgentRunRefused, runAgent, startAgentRun } from '../../../../main/agents/run-agent';
import type { AgentRunRequest } from '../../../../main/agents/run-agent';
import { retrievePassages, toPromptPassage } from '../../../../main/agents/knowledge-retrieval';
import type { PromptPassage } from '../../../../shared/agents/agent-prompt';
import type { KnowledgePassage } from '../../../../shared/rest/knowledge-endpoints';
import { createBuiltInTools } from '../../../../main/tools/built-in-tools';
import { startOpenAiCompatibleServer } from '../../../fixtures/openai-compatible-server';
import type { OpenAiCompatibleServer } from '../../../fixtures/openai-compatible-server';
import { contentOf, messageById, userAuthor, writeMessage } from '../../sync-server/support/document-edits';
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
  writeMessage(copy, userAuthor(world.actors.owner.userId), question);
  desktop.sync.update(name, Y.encodeStateAsUpdate(copy, before));
  await desktop.synced(name);
  return { id, name };
}

async function searchKnowledge(query: string): Promise<PromptPassage[]> {
  return retrievePassages(query, async (q) => {
    const res = await owner()('GET', `/projects/${world.projectId}/knowledge/search?q=${encodeURIComponent(q)}`);
    return (res.body as { items: KnowledgePassage[] }).items.map(toPromptPassage);
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

function idAt(name: string, index: number): string {
  return desktop.sync.document(name).getArray<Y.Map<unknown>>('messages').get(index).get('id') as string;
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
      appendMessage(raw.doc, {
        id: 'msg_rawlockedmodel00000001',
        author: { kind: 'agent', agentId: agent.id, modelId: model.id, runBy: world.actors.owner.userId },
        createdAt: new Date().toISOString(),
        text: 'sneaky',
      });
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
    // The answer named the document, so it keeps the passage as a citation that opens it.
    expect(message(name, outcome.messageId).get('citations')).toEqual([
      { knowledgeBaseId: base.id, documentId: expect.stringMatching(/^kbd_/) as unknown, path: 'teams/platform/guide.md', snippet: expect.stringContaining('blue-green switch') as unknown },
    ]);
  });

  it('serves stats from the runs the server stored', async () => {
    const stats = await ok(owner()('GET', `/agent-registry/${agent.id}/stats`), (b) => b as { invocations: number; errorRate: number; toolCalls: Record<string, number> });
    // Runs so far: streamed, long, tools, down, malformed, cancelled, knowledge = 7; 2 errors; 2 tool calls.
    expect(stats.invocations).toBe(7);
    expect(stats.errorRate).toBeCloseTo(2 / 7);
    expect(stats.toolCalls).toEqual({ current_time: 1, calculator: 1 });
  });

  it('regenerates an answer as an alternative that reads the thread only up to its question', async () => {
    const { id, name } = await conversationWith('Which port does it use?');
    const question = idAt(name, 0);
    llm.enqueue({ kind: 'text', pieces: ['Port 80.'] });
    const first = await runAgent(await request(id));
    expect(message(name, first.messageId).get('parentId')).toBe(question);
    // A follow-up after the first answer: the regenerated answer must not read it.
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(desktop.sync.document(name)));
    const before = Y.encodeStateVector(copy);
    writeMessage(copy, userAuthor(world.actors.owner.userId), 'And the other one?');
    desktop.sync.update(name, Y.encodeStateAsUpdate(copy, before));

    llm.enqueue({ kind: 'text', pieces: ['Port 443.'] });
    const second = await runAgent(await request(id, { replyTo: question, alternativeOf: first.messageId }));
    expect(second.status).toBe('complete');
    const sent = llm.requests.at(-1)?.messages as { role: string; content: string }[];
    expect(sent.at(-1)).toEqual({ role: 'user', content: 'Which port does it use?' });
    expect(sent.some((entry) => entry.content === 'Port 80.')).toBe(false);
    const answer = message(name, second.messageId);
    expect([answer.get('parentId'), answer.get('alternativeOf')]).toEqual([question, first.messageId]);
    await desktop.synced(name);
    const stored = server.server.hub.load({ kind: 'conversation', id }).doc;
    expect(stored.getArray<Y.Map<unknown>>('messages').toArray().some((entry) => entry.get('id') === second.messageId)).toBe(true);

    await expect(runAgent(await request(id, { replyTo: 'msg_nosuchmessagenosuchm' }))).rejects.toThrow(/not in this conversation/);
  });

  it("asks with the model's parameters narrowed by the agent's", async () => {
    const careful = await ok(
      owner()('POST', '/model-registry', {
        body: { name: 'Careful', provider: { baseUrl: llm.baseUrl, model: 'fixture-model' }, parameters: { temperature: 0.6, maxTokens: 64, contextLength: null }, visibility: { level: 'public' } },
      }),
      (b) => ModelEntry.parse(b),
    );
    const { id, name } = await conversationWith('Be brief about it.');
    llm.enqueue({ kind: 'text', pieces: ['Brief.'] });
    const outcome = await runAgent({ ...(await request(id)), model: careful, agent: { ...agent, parameters: { temperature: 0.1, maxTokens: null, contextLength: null } } });
    expect(outcome.status).toBe('complete');
    const body = llm.requests.at(-1)?.body as { temperature?: number; max_tokens?: number };
    expect(body.temperature).toBe(0.1);
    expect(body.max_tokens).toBe(64);
    await desktop.synced(name);
  });
});
