import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { suggestTitle } from '../../../../main/agents/conversation-titler';
import type { TitleRequest } from '../../../../main/agents/conversation-titler';
import { startOpenAiCompatibleServer } from '../../../fixtures/openai-compatible-server';
import type { OpenAiCompatibleServer } from '../../../fixtures/openai-compatible-server';

const exchange: TitleRequest['exchange'] = [
  { author: { kind: 'user', userId: 'usr_0123456789abcdef0123' }, content: 'How much can we spend on the **offsite** in March?' },
  { author: { kind: 'agent', agentId: 'agt_0123456789abcdef0123', modelId: 'mdl_0123456789abcdef0123', runBy: 'usr_0123456789abcdef0123' }, content: 'The budget allows 4,000 euros.' },
];

describe('suggestTitle', () => {
  let llm: OpenAiCompatibleServer;
  beforeAll(async () => {
    llm = await startOpenAiCompatibleServer({ models: ['fixture-chat'] });
  });
  afterAll(async () => {
    await llm.close();
  });
  const model = () => ({ provider: { baseUrl: llm.baseUrl, model: 'fixture-chat' } });

  it('asks the model with the first exchange and keeps its first line, quotes and end marks dropped', async () => {
    llm.enqueue({ kind: 'text', pieces: ['"March offsite ', 'budget."\n', 'Anything else?'] });
    const before = llm.requests.length;
    expect(await suggestTitle({ exchange, model: model(), apiKey: 'sk-local' })).toEqual({ title: 'March offsite budget', source: 'model' });
    const request = llm.requests[before];
    expect(request?.model).toBe('fixture-chat');
    expect(request?.headers.authorization).toBe('Bearer sk-local');
    const messages = request?.messages as { role: string; content: string }[];
    expect(messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(messages[1]?.content).toBe(exchange[0]?.content);
    expect(messages[2]?.content).toBe('The budget allows 4,000 euros.');
  });

  it('takes the question’s first words when the model fails, says nothing usable, or none is reachable', async () => {
    const firstWords = { title: 'How much can we spend on the offsite', source: 'first-words' };
    llm.enqueue({ kind: 'http-error', status: 502, message: 'Upstream crashed' });
    expect(await suggestTitle({ exchange, model: model() })).toEqual(firstWords);
    llm.enqueue({ kind: 'text', pieces: ['  \n', '"…"'] });
    expect(await suggestTitle({ exchange, model: model() })).toEqual(firstWords);
    llm.enqueue({ kind: 'stall', before: ['March'] });
    expect(await suggestTitle({ exchange, model: model(), stream: { timeoutMs: 300, firstTokenTimeoutMs: 300 } })).toEqual(firstWords);
    const before = llm.requests.length;
    expect(await suggestTitle({ exchange, model: null })).toEqual(firstWords);
    expect(llm.requests.length).toBe(before);
  });

  it('gives no title for a question without words, and asks no model for one', async () => {
    const before = llm.requests.length;
    expect(await suggestTitle({ exchange: [{ author: exchange[0]!.author, content: '   ' }], model: model() })).toBeNull();
    expect(llm.requests.length).toBe(before);
  });
});
