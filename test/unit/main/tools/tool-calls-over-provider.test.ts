import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { effectiveSettings } from '../../../../shared/policy/settings-inheritance';
import { createChatCompletionStream } from '../../../../shared/providers/chat-completion-stream';
import type { ChatEndpoint, ChatMessage, ChatToolCall } from '../../../../shared/providers/chat-types';
import { createBuiltInTools } from '../../../../main/tools/built-in-tools';
import { createToolRuntime } from '../../../../main/tools/tool-runtime';
import { startOpenAiCompatibleServer } from '../../../fixtures/openai-compatible-server';
import type { OpenAiCompatibleServer } from '../../../fixtures/openai-compatible-server';

let server: OpenAiCompatibleServer;

beforeEach(async () => {
  server = await startOpenAiCompatibleServer();
});

afterEach(async () => {
  await server.close();
});

/** The smallest agent loop: stream, run the requested tools, send their results back, until an answer. */
async function answer(endpoint: ChatEndpoint, tools: ReturnType<typeof createToolRuntime>, messages: ChatMessage[]): Promise<string> {
  for (let turn = 0; turn < 4; turn += 1) {
    let text = '';
    const calls: ChatToolCall[] = [];
    for await (const event of createChatCompletionStream(endpoint, { messages, tools: tools.definitions })) {
      if (event.type === 'text') text += event.text;
      if (event.type === 'tool-call') calls.push({ id: event.id, name: event.name, arguments: event.arguments });
    }
    if (calls.length === 0) return text;
    messages.push({ role: 'assistant', content: text, toolCalls: calls });
    for (const call of calls) {
      const result = await tools.run(call);
      messages.push({ role: 'tool', toolCallId: result.toolCallId, content: result.content });
    }
  }
  throw new Error('too many turns');
}

describe('tool calls between a streaming endpoint and the runtime', () => {
  it('runs the allowed tool, refuses the other, and tells the model both', async () => {
    server.enqueue(
      {
        kind: 'tool-calls',
        calls: [
          { id: 'call_calc', name: 'calculator', arguments: '{"expression":"19 * 23"}' },
          { id: 'call_time', name: 'current_time', arguments: '{}' },
        ],
      },
      { kind: 'text', pieces: ['19 × 23 = 437.'] },
    );
    const tools = createToolRuntime({
      tools: createBuiltInTools({ searchConversations: async () => [], searchKnowledge: async () => [] }),
      effectiveSettings: effectiveSettings({
        project: { defaultModel: null, modelLock: null, toolAllowlist: ['calculator'], systemPrompt: null, knowledgeBaseIds: [] },
        primaryWorkgroup: null,
        sharedWorkgroups: [],
      }),
      context: { projectId: 'p1', conversationId: 'c1', knowledgeBaseIds: [] },
    });

    const text = await answer({ baseUrl: server.baseUrl, model: 'llama3.2' }, tools, [{ role: 'user', content: 'What is 19 × 23, and what time is it?' }]);

    expect(text).toBe('19 × 23 = 437.');
    expect(server.requests[0]?.tools).toEqual([
      { type: 'function', function: { name: 'calculator', description: expect.any(String) as string, parameters: expect.objectContaining({ type: 'object' }) as object } },
    ]);
    expect(server.requests[1]?.messages.slice(-2)).toEqual([
      { role: 'tool', tool_call_id: 'call_calc', content: '{"expression":"19 * 23","result":"437"}' },
      { role: 'tool', tool_call_id: 'call_time', content: '{"error":"The tool \\"current_time\\" is not allowed in this project."}' },
    ]);
    expect(tools.records.map((record) => [record.name, record.outcome])).toEqual([
      ['calculator', 'ok'],
      ['current_time', 'refused'],
    ]);
  });
});
