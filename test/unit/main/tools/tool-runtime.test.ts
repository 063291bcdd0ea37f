import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { ToolCall } from '../../../../shared/domain/message';
import { effectiveSettings } from '../../../../shared/policy/settings-inheritance';
import type { EffectiveSettings, ProjectSettings } from '../../../../shared/policy/settings-inheritance';
import { createBuiltInTools } from '../../../../main/tools/built-in-tools';
import { defineTool } from '../../../../main/tools/tool';
import type { Tool, ToolContext } from '../../../../main/tools/tool';
import { toMessageToolCall } from '../../../../main/tools/tool-call-record';
import { createToolRuntime } from '../../../../main/tools/tool-runtime';
import type { ToolRuntimeOptions } from '../../../../main/tools/tool-runtime';

const project: ProjectSettings = { defaultModel: null, modelLock: null, toolAllowlist: null, systemPrompt: null, knowledgeBaseIds: [] };

function settings(projectTools: readonly string[] | null, workgroupTools: readonly string[] | null = null): EffectiveSettings {
  return effectiveSettings({
    project: { ...project, toolAllowlist: projectTools },
    primaryWorkgroup: { workgroupId: 'wg-1', modelPool: null, toolAllowlist: workgroupTools, systemPrompt: null, knowledgeBaseIds: [] },
    sharedWorkgroups: [],
  });
}

const builtIns = createBuiltInTools({ searchConversations: async () => [], searchKnowledge: async () => [], now: () => new Date('2025-01-01T00:00:00Z') });

function runtime(overrides: Partial<ToolRuntimeOptions> = {}) {
  return createToolRuntime({
    tools: builtIns,
    effectiveSettings: settings(['calculator']),
    context: { projectId: 'p1', conversationId: 'c1', knowledgeBaseIds: [] },
    now: () => new Date('2025-01-01T00:00:00Z'),
    ...overrides,
  });
}

/** A tool that waits until it is stopped, noting what it saw. */
function hangingTool(seen: { signal: AbortSignal | null }): Tool {
  return defineTool({
    name: 'hang',
    description: 'Never answers on its own.',
    schema: z.object({}),
    run: (_args, context: ToolContext) =>
      new Promise<string>((_resolve, reject) => {
        seen.signal = context.signal;
        context.signal.addEventListener('abort', () => reject(new Error('stopped')));
      }),
  });
}

describe('ToolRuntime', () => {
  it('offers the model only the tools the effective allowlist permits', () => {
    expect(runtime().definitions.map((tool) => tool.name)).toEqual(['calculator']);
    expect(runtime({ effectiveSettings: settings(null) }).definitions.map((tool) => tool.name)).toEqual([
      'search_conversations',
      'search_knowledge',
      'calculator',
      'current_time',
    ]);
    // The workgroup's allowlist narrows the project's: only the tools in both remain.
    expect(runtime({ effectiveSettings: settings(['calculator', 'current_time'], ['current_time']) }).definitions.map((tool) => tool.name)).toEqual(['current_time']);
    expect(runtime({ effectiveSettings: settings([]) }).definitions).toEqual([]);
  });

  it('runs an allowed tool and records the call', async () => {
    const tools = runtime();
    const result = await tools.run({ id: 'call_1', name: 'calculator', arguments: '{"expression":"6*7"}' });
    expect(result).toMatchObject({ toolCallId: 'call_1', isError: false, content: '{"expression":"6*7","result":"42"}' });
    expect(tools.records).toEqual([
      {
        id: 'call_1',
        name: 'calculator',
        arguments: '{"expression":"6*7"}',
        outcome: 'ok',
        result: '{"expression":"6*7","result":"42"}',
        error: null,
        startedAt: '2025-01-01T00:00:00.000Z',
        durationMs: expect.any(Number) as number,
      },
    ]);
  });

  it('refuses a tool outside the allowlist, returns the refusal to the model and records it', async () => {
    const tools = runtime();
    const result = await tools.run({ id: 'call_2', name: 'current_time', arguments: '{}' });
    expect(result.isError).toBe(true);
    expect(JSON.parse(result.content)).toEqual({ error: 'The tool "current_time" is not allowed in this project.' });
    expect(tools.records).toEqual([expect.objectContaining({ id: 'call_2', name: 'current_time', outcome: 'refused', result: null, error: 'The tool "current_time" is not allowed in this project.' })]);
  });

  it('refuses a tool that the workgroup excludes even when the project lists it', async () => {
    const tools = runtime({ effectiveSettings: settings(['calculator'], ['current_time']) });
    expect((await tools.run({ id: 'c', name: 'calculator', arguments: '{"expression":"1"}' })).record.outcome).toBe('refused');
  });

  it('refuses a tool that does not exist, even with no allowlist', async () => {
    const tools = runtime({ effectiveSettings: settings(null) });
    const result = await tools.run({ id: 'c', name: 'shell_exec', arguments: '{"cmd":"rm -rf /"}' });
    expect(result.record).toMatchObject({ outcome: 'refused', error: 'There is no tool named "shell_exec".' });
  });

  it('turns unusable arguments and tool errors into error results', async () => {
    const tools = runtime();
    const notJson = await tools.run({ id: 'a', name: 'calculator', arguments: '{"expression":' });
    expect(notJson.record).toMatchObject({ outcome: 'failed', error: 'The arguments for calculator are not valid JSON.' });
    const wrongShape = await tools.run({ id: 'b', name: 'calculator', arguments: '{"expression":5}' });
    expect(wrongShape.record.outcome).toBe('failed');
    expect(wrongShape.record.error).toMatch(/^Invalid arguments for calculator: expression: /);
    const thrown = await tools.run({ id: 'c', name: 'calculator', arguments: '{"expression":"1/0"}' });
    expect(thrown).toMatchObject({ isError: true, content: '{"error":"division by zero"}' });
    expect(tools.records.map((record) => record.outcome)).toEqual(['failed', 'failed', 'failed']);
  });

  it('gives up on a tool that does not answer in time and tells it to stop', async () => {
    const seen = { signal: null as AbortSignal | null };
    const tools = runtime({ tools: [hangingTool(seen)], effectiveSettings: settings(null), timeoutMs: 50 });
    const result = await tools.run({ id: 't', name: 'hang', arguments: '{}' });
    expect(result.record).toMatchObject({ outcome: 'timeout', error: 'The tool hang did not answer within 50 ms.' });
    expect(result.record.durationMs).toBeGreaterThanOrEqual(40);
    expect(seen.signal?.aborted).toBe(true);
  });

  it('stops a running tool when the run is cancelled, and runs nothing after', async () => {
    const seen = { signal: null as AbortSignal | null };
    const run = new AbortController();
    const tools = runtime({ tools: [hangingTool(seen), calculatorOnly()], effectiveSettings: settings(null), signal: run.signal });
    const pending = tools.run({ id: 'x', name: 'hang', arguments: '{}' });
    while (seen.signal === null) await new Promise((resolve) => setImmediate(resolve));
    run.abort();
    expect((await pending).record).toMatchObject({ outcome: 'cancelled', error: 'The run was cancelled while the tool ran.' });
    expect(seen.signal.aborted).toBe(true);
    const after = await tools.run({ id: 'y', name: 'calculator', arguments: '{"expression":"1"}' });
    expect(after.record.outcome).toBe('cancelled');
    expect(tools.records).toHaveLength(2);
  });

  it('cuts overlong results', async () => {
    const long = defineTool({ name: 'long', description: 'Says a lot.', schema: z.object({}), run: async () => 'x'.repeat(100) });
    const result = await runtime({ tools: [long], effectiveSettings: settings(null), maxResultLength: 10 }).run({ id: 'l', name: 'long', arguments: '{}' });
    expect(result.content).toBe('xxxxxxxxxx… [cut at 10 characters]');
  });

  it('turns records into message tool calls that the document schema accepts, refusals included', async () => {
    const tools = runtime();
    await tools.run({ id: 'ok', name: 'calculator', arguments: '{"expression":"2+2"}' });
    await tools.run({ id: 'refused', name: 'not a tool name!', arguments: 'not json' });
    const calls = tools.records.map(toMessageToolCall);
    for (const call of calls) expect(ToolCall.safeParse(call).success).toBe(true);
    expect(calls).toEqual([
      { id: 'ok', name: 'calculator', arguments: '{"expression":"2+2"}', result: '{"expression":"2+2","result":"4"}', error: null },
      { id: 'refused', name: 'not_a_tool_name_', arguments: '"not json"', result: null, error: 'The tool "not a tool name!" is not allowed in this project.' },
    ]);
  });
});

function calculatorOnly(): Tool {
  const calculator = builtIns.find((tool) => tool.name === 'calculator');
  if (calculator === undefined) throw new Error('no calculator');
  return calculator;
}
