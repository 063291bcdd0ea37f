import { describe, expect, it } from 'vitest';
import { ChatStreamInterpreter } from '../../../../shared/providers/chat-stream-interpreter';
import type { ChatStreamEvent } from '../../../../shared/providers/chat-types';
import { ProviderError } from '../../../../shared/providers/provider-error';

const chunk = (choice: Record<string, unknown>) => ({ event: 'message', data: JSON.stringify({ object: 'chat.completion.chunk', choices: [{ index: 0, ...choice }] }) });
const done = { event: 'message', data: '[DONE]' };

function run(events: readonly { event: string; data: string }[], endOfBody = false): ChatStreamEvent[] {
  const interpreter = new ChatStreamInterpreter();
  const out = events.flatMap((event) => interpreter.accept(event));
  return endOfBody ? [...out, ...interpreter.end(false)] : out;
}

function failure(action: () => unknown): ProviderError {
  try {
    action();
  } catch (error) {
    if (error instanceof ProviderError) return error;
    throw error;
  }
  throw new Error('expected a ProviderError');
}

describe('ChatStreamInterpreter', () => {
  it('takes whole tool calls without an index, as Ollama sends them, and object arguments', () => {
    expect(
      run([
        chunk({ delta: { role: 'assistant', content: '', tool_calls: [{ id: 'call_x', function: { name: 'calculator', arguments: { expression: '1+1' } } }] } }),
        chunk({ delta: { tool_calls: [{ id: 'call_y', function: { name: 'current_time', arguments: '' } }] } }),
        chunk({ delta: {}, finish_reason: 'tool_calls' }),
        done,
      ]),
    ).toEqual([
      { type: 'tool-call', id: 'call_x', name: 'calculator', arguments: '{"expression":"1+1"}' },
      { type: 'tool-call', id: 'call_y', name: 'current_time', arguments: '{}' },
      { type: 'done', finishReason: 'tool_calls' },
    ]);
  });

  it('gives an id to a tool call that came without one', () => {
    expect(run([chunk({ delta: { tool_calls: [{ index: 0, function: { name: 'calculator', arguments: '{}' } }] } }), done])).toEqual([
      { type: 'tool-call', id: 'call_0', name: 'calculator', arguments: '{}' },
      { type: 'done', finishReason: 'tool_calls' },
    ]);
  });

  it('skips usage chunks without choices and choices other than the first', () => {
    const extra = { event: 'message', data: JSON.stringify({ choices: [{ index: 1, delta: { content: 'other' } }, { index: 0, delta: { content: 'mine' } }] }) };
    const usage = { event: 'message', data: JSON.stringify({ choices: [], usage: { total_tokens: 3 } }) };
    expect(run([extra, usage, chunk({ delta: {}, finish_reason: 'length' }), done])).toEqual([
      { type: 'text', text: 'mine' },
      { type: 'done', finishReason: 'length' },
    ]);
  });

  it('accepts a body that ends after the finish reason without [DONE]', () => {
    expect(run([chunk({ delta: { content: 'Hi' } }), chunk({ delta: {}, finish_reason: 'stop' })], true)).toEqual([
      { type: 'text', text: 'Hi' },
      { type: 'done', finishReason: 'stop' },
    ]);
  });

  it('refuses a body that ends before the answer finished', () => {
    const error = failure(() => run([chunk({ delta: { content: 'Hi' } })], true));
    expect(error.kind).toBe('malformed');
    expect(error.message).toBe('The model endpoint ended the stream before the answer was complete.');
  });

  it('names the field of a chunk with the wrong shape', () => {
    const error = failure(() => run([chunk({ delta: { content: 42 } })]));
    expect(error.kind).toBe('malformed');
    expect(error.message).toContain('choices.0.delta.content');
    expect(failure(() => run([{ event: 'message', data: '"just a string"' }])).kind).toBe('malformed');
    expect(failure(() => run([{ event: 'message', data: '{"no":"choices"}' }])).kind).toBe('malformed');
  });

  it('refuses a tool call without a function name', () => {
    const error = failure(() => run([chunk({ delta: { tool_calls: [{ index: 0, id: 'c', function: { arguments: '{}' } }] } }), done]));
    expect(error.kind).toBe('malformed');
    expect(error.message).toContain('tool call 0 has no function name');
  });

  it('reports an error the endpoint sends inside the stream with its message', () => {
    const inline = failure(() => run([{ event: 'message', data: JSON.stringify({ error: { message: 'context length exceeded', type: 'invalid_request_error' } }) }]));
    expect(inline.kind).toBe('provider');
    expect(inline.providerMessage).toBe('context length exceeded');
    const named = failure(() => run([{ event: 'error', data: JSON.stringify({ message: 'overloaded' }) }]));
    expect(named.kind).toBe('provider');
    expect(named.providerMessage).toBe('overloaded');
  });

  it('ignores anything after the end of the answer', () => {
    expect(run([chunk({ delta: { content: 'a' } }), done, chunk({ delta: { content: 'late' } }), { event: 'message', data: 'garbage' }])).toEqual([
      { type: 'text', text: 'a' },
      { type: 'done', finishReason: 'stop' },
    ]);
  });
});
