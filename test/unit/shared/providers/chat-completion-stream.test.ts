import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChatCompletionStream } from '../../../../shared/providers/chat-completion-stream';
import type { ChatEndpoint, ChatRequest, ChatStreamEvent, ChatStreamOptions } from '../../../../shared/providers/chat-types';
import { defaultProviderBaseUrl } from '../../../../shared/providers/default-endpoint';
import { ProviderError } from '../../../../shared/providers/provider-error';
import { startOpenAiCompatibleServer } from '../../../fixtures/openai-compatible-server';
import type { OpenAiCompatibleServer } from '../../../fixtures/openai-compatible-server';

let server: OpenAiCompatibleServer;
let endpoint: ChatEndpoint;
const question: ChatRequest = { messages: [{ role: 'user', content: 'What is 2 + 2?' }] };

beforeEach(async () => {
  server = await startOpenAiCompatibleServer();
  endpoint = { baseUrl: server.baseUrl, model: 'llama3.2' };
});

afterEach(async () => {
  await server.close();
});

interface Outcome {
  events: ChatStreamEvent[];
  error: ProviderError | null;
}

async function collect(target: ChatEndpoint, request: ChatRequest, options: ChatStreamOptions = {}): Promise<Outcome> {
  const events: ChatStreamEvent[] = [];
  try {
    for await (const event of createChatCompletionStream(target, request, options)) events.push(event);
    return { events, error: null };
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error;
    return { events, error };
  }
}

/** A port nothing listens on: one the system handed out and that was closed again. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('createChatCompletionStream', () => {
  it('points at a local Ollama by default', () => {
    expect(defaultProviderBaseUrl).toBe('http://127.0.0.1:11434/v1');
  });

  it('yields streamed text in order while the answer is still arriving', async () => {
    server.enqueue({ kind: 'text', pieces: ['The', ' answer', ' is', ' 4.'], delayMs: 20 });
    const events: ChatStreamEvent[] = [];
    let openWhenFirstTextArrived: boolean | null = null;
    for await (const event of createChatCompletionStream(endpoint, question)) {
      if (event.type === 'text' && openWhenFirstTextArrived === null) openWhenFirstTextArrived = server.requests[0]?.end === 'open';
      events.push(event);
    }
    expect(openWhenFirstTextArrived).toBe(true);
    expect(events).toEqual([
      { type: 'text', text: 'The' },
      { type: 'text', text: ' answer' },
      { type: 'text', text: ' is' },
      { type: 'text', text: ' 4.' },
      { type: 'done', finishReason: 'stop' },
    ]);
  });

  it('sends the model, the messages, the tools, the temperature and the API key in the wire format', async () => {
    server.enqueue({ kind: 'text', pieces: ['ok'] });
    const parameters = { type: 'object', properties: { expression: { type: 'string' } }, required: ['expression'] };
    await collect(
      { ...endpoint, apiKey: 'sk-local' },
      {
        messages: [
          { role: 'system', content: 'Be exact.' },
          { role: 'user', content: 'Compute 2+2.' },
          { role: 'assistant', content: '', toolCalls: [{ id: 'call_1', name: 'calculator', arguments: '{"expression":"2+2"}' }] },
          { role: 'tool', toolCallId: 'call_1', content: '{"result":"4"}' },
        ],
        tools: [{ name: 'calculator', description: 'Arithmetic', parameters }],
        temperature: 0.2,
      },
    );
    const [request] = server.requests;
    expect(request?.headers.authorization).toBe('Bearer sk-local');
    expect(request?.body).toEqual({
      model: 'llama3.2',
      stream: true,
      temperature: 0.2,
      messages: [
        { role: 'system', content: 'Be exact.' },
        { role: 'user', content: 'Compute 2+2.' },
        { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'calculator', arguments: '{"expression":"2+2"}' } }] },
        { role: 'tool', tool_call_id: 'call_1', content: '{"result":"4"}' },
      ],
      tools: [{ type: 'function', function: { name: 'calculator', description: 'Arithmetic', parameters } }],
    });
  });

  it('sends no Authorization header without a key, and accepts a base URL ending in a slash', async () => {
    server.enqueue({ kind: 'text', pieces: ['ok'] });
    const { error } = await collect({ baseUrl: `${server.baseUrl}/`, model: 'm' }, question);
    expect(error).toBeNull();
    expect(server.requests[0]?.headers.authorization).toBeUndefined();
    expect(server.requests[0]?.path).toBe('/v1/chat/completions');
  });

  it('assembles tool calls streamed in fragments', async () => {
    server.enqueue({
      kind: 'tool-calls',
      text: ['Let me check.'],
      fragmentLength: 3,
      calls: [
        { id: 'call_a', name: 'calculator', arguments: '{"expression":"(1 + 2) * 3"}' },
        { id: 'call_b', name: 'current_time', arguments: '{"time_zone":"Europe/Paris"}' },
      ],
    });
    const { events, error } = await collect(endpoint, question);
    expect(error).toBeNull();
    expect(events).toEqual([
      { type: 'text', text: 'Let me check.' },
      { type: 'tool-call', id: 'call_a', name: 'calculator', arguments: '{"expression":"(1 + 2) * 3"}' },
      { type: 'tool-call', id: 'call_b', name: 'current_time', arguments: '{"time_zone":"Europe/Paris"}' },
      { type: 'done', finishReason: 'tool_calls' },
    ]);
  });

  it('reports an endpoint that is down as unreachable', async () => {
    const baseUrl = `http://127.0.0.1:${await closedPort()}/v1`;
    const { events, error } = await collect({ baseUrl, model: 'm' }, question);
    expect(events).toEqual([]);
    expect(error?.kind).toBe('unreachable');
    expect(error?.message).toBe(`Could not reach the model endpoint at ${baseUrl}: the connection was refused (is the server running?).`);
  });

  it('reports a base URL that is not an http URL as unreachable without sending anything', async () => {
    const { error } = await collect({ baseUrl: 'ftp://example.test', model: 'm' }, question);
    expect(error?.kind).toBe('unreachable');
    expect(error?.message).toContain('not an http or https URL');
  });

  it('reports an error status with the endpoint’s own message', async () => {
    server.enqueue({ kind: 'http-error', status: 500, message: 'CUDA out of memory.' });
    const { error } = await collect(endpoint, question);
    expect(error?.kind).toBe('http');
    expect(error?.status).toBe(500);
    expect(error?.providerMessage).toBe('CUDA out of memory.');
    expect(error?.message).toBe(`The model endpoint at ${server.baseUrl} answered HTTP 500: CUDA out of memory.`);
  });

  it('hints at the API key when the endpoint refuses it', async () => {
    const keyed = await startOpenAiCompatibleServer({ apiKey: 'right' });
    try {
      const { error } = await collect({ baseUrl: keyed.baseUrl, model: 'm', apiKey: 'wrong' }, question);
      expect(error?.kind).toBe('http');
      expect(error?.status).toBe(401);
      expect(error?.message).toContain('Check the API key');
      expect(error?.message).not.toContain('wrong');
    } finally {
      await keyed.close();
    }
  });

  it('reports a chunk that is not JSON as malformed, after the text that came before it', async () => {
    server.enqueue({ kind: 'malformed', before: ['Partial'] });
    const { events, error } = await collect(endpoint, question);
    expect(events).toEqual([{ type: 'text', text: 'Partial' }]);
    expect(error?.kind).toBe('malformed');
    expect(error?.message).toMatch(/^The model endpoint sent a chunk that is not valid JSON: \{"id":"chatcmpl-fixture-1"/);
  });

  it('reports a connection dropped mid-answer as unreachable, not as a finished answer', async () => {
    server.enqueue({ kind: 'reset', before: ['Half an'] });
    const { events, error } = await collect(endpoint, question);
    // Whether the piece sent just before the drop is read first depends on timing; no `done` ever comes.
    expect(events.filter((event) => event.type !== 'text')).toEqual([]);
    expect(error?.kind).toBe('unreachable');
    expect(error?.message).toContain('was lost during the answer');
  });

  it('times out an endpoint that never starts answering', async () => {
    server.enqueue({ kind: 'stall' });
    const { events, error } = await collect(endpoint, question, { firstTokenTimeoutMs: 200, timeoutMs: 20_000 });
    expect(events).toEqual([]);
    expect(error?.kind).toBe('timeout');
    expect(error?.timeoutPhase).toBe('first-token');
    expect(error?.message).toBe(`The model endpoint at ${server.baseUrl} sent no answer within 200 ms.`);
    expect(await server.ended(server.requests[0]!)).toBe('closed-by-client');
  });

  it('times out an answer that started but never finishes', async () => {
    server.enqueue({ kind: 'stall', before: ['Thinking'] });
    const { events, error } = await collect(endpoint, question, { firstTokenTimeoutMs: 100, timeoutMs: 400 });
    expect(events).toEqual([{ type: 'text', text: 'Thinking' }]);
    expect(error?.kind).toBe('timeout');
    expect(error?.timeoutPhase).toBe('total');
  });

  it('stops on cancellation mid-stream and closes the connection', async () => {
    server.enqueue({ kind: 'text', pieces: ['one', 'two', 'three', 'four', 'five'], delayMs: 50 });
    const controller = new AbortController();
    const events: ChatStreamEvent[] = [];
    let caught: unknown = null;
    try {
      for await (const event of createChatCompletionStream(endpoint, question, { signal: controller.signal })) {
        events.push(event);
        if (events.length === 1) controller.abort();
      }
    } catch (error) {
      caught = error;
    }
    expect(events).toEqual([{ type: 'text', text: 'one' }]);
    expect(caught).toBeInstanceOf(ProviderError);
    expect((caught as ProviderError).kind).toBe('cancelled');
    expect(await server.ended(server.requests[0]!)).toBe('closed-by-client');
  });

  it('does not call the endpoint when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const { error } = await collect(endpoint, question, { signal: controller.signal });
    expect(error?.kind).toBe('cancelled');
    expect(server.requests).toHaveLength(0);
  });

  it('closes the connection when the consumer stops early', async () => {
    server.enqueue({ kind: 'text', pieces: ['one', 'two', 'three'], delayMs: 50 });
    for await (const event of createChatCompletionStream(endpoint, question)) {
      expect(event).toEqual({ type: 'text', text: 'one' });
      break;
    }
    expect(await server.ended(server.requests[0]!)).toBe('closed-by-client');
  });

  it('reports an answer that is not an event stream as malformed', async () => {
    const html = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<html>Welcome</html>');
    });
    await new Promise<void>((resolve) => html.listen(0, '127.0.0.1', resolve));
    try {
      const baseUrl = `http://127.0.0.1:${(html.address() as AddressInfo).port}`;
      const { error } = await collect({ baseUrl, model: 'm' }, question);
      expect(error?.kind).toBe('malformed');
      expect(error?.message).toContain('"text/html" instead of an event stream');
    } finally {
      html.closeAllConnections();
      await new Promise<void>((resolve) => html.close(() => resolve()));
    }
  });

  it('reports a 404 from a wrong base URL with a hint', async () => {
    const { error } = await collect({ baseUrl: server.baseUrl.replace(/\/v1$/, '/api'), model: 'm' }, question);
    expect(error?.kind).toBe('http');
    expect(error?.status).toBe(404);
    expect(error?.message).toContain('Check the base URL and the model name.');
  });
});
