import { toolCallRefusal } from '../../shared/agents/agent-turn';
import { isToolAllowed } from '../../shared/policy/settings-inheritance';
import type { EffectiveSettings } from '../../shared/policy/settings-inheritance';
import type { ChatToolCall, ChatToolDefinition } from '../../shared/providers/chat-types';
import type { Tool, ToolContext } from './tool';
import type { ToolCallOutcome, ToolCallRecord } from './tool-call-record';

export const defaultToolTimeoutMs = 15_000;
/** Longer results are cut, so one search cannot fill the model's context window. */
export const defaultMaxResultLength = 20_000;

export interface ToolRuntimeOptions {
  /** The tools this run may offer, such as the agent's tools among the built-in ones. */
  readonly tools: readonly Tool[];
  readonly effectiveSettings: EffectiveSettings;
  readonly context: Omit<ToolContext, 'signal'>;
  /** The run's signal: cancelling the run cancels a tool that is running. */
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
  readonly maxResultLength?: number;
  readonly now?: () => Date;
}

/** What goes back to the model for one call, and how the call was recorded. */
export interface ToolResult {
  readonly toolCallId: string;
  /** JSON text: the tool's answer, or `{"error": "..."}`. */
  readonly content: string;
  readonly isError: boolean;
  readonly record: ToolCallRecord;
}

export interface ToolRuntime {
  /** The tools to offer the model: those of the run that the effective allowlist permits. */
  readonly definitions: readonly ChatToolDefinition[];
  /** Runs or refuses one call. Never throws: every failure is a result for the model. */
  run(call: ChatToolCall): Promise<ToolResult>;
  /** Every call so far, allowed or refused, in the order they ended. */
  readonly records: readonly ToolCallRecord[];
}

class ToolStopped extends Error {}

interface Settled {
  readonly outcome: ToolCallOutcome;
  readonly result: string | null;
  readonly error: string | null;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Executes the model's tool calls for one agent run. Only a tool in the effective allowlist runs
 * (`isToolAllowed`, the same rule the settings screen shows); any other call is refused, and the
 * refusal is recorded and answered to the model as an error so it can carry on without it.
 */
export function createToolRuntime(options: ToolRuntimeOptions): ToolRuntime {
  const timeoutMs = options.timeoutMs ?? defaultToolTimeoutMs;
  const maxResultLength = options.maxResultLength ?? defaultMaxResultLength;
  const now = options.now ?? (() => new Date());
  const records: ToolCallRecord[] = [];
  const allowed = (name: string) => isToolAllowed(options.effectiveSettings, name);
  const byName = new Map(options.tools.map((tool) => [tool.name, tool]));

  async function settle(call: ChatToolCall): Promise<Settled> {
    const refusal = toolCallRefusal(call.name, [...byName.keys()], options.effectiveSettings);
    const tool = byName.get(call.name);
    if (refusal !== null || tool === undefined) return { outcome: 'refused', result: null, error: refusal ?? `There is no tool named "${call.name}".` };
    if (options.signal?.aborted) return { outcome: 'cancelled', result: null, error: 'The run was cancelled before the tool ran.' };
    let args: unknown;
    try {
      args = JSON.parse(call.arguments);
    } catch {
      return { outcome: 'failed', result: null, error: `The arguments for ${call.name} are not valid JSON.` };
    }

    const controller = new AbortController();
    let stopReason: 'timeout' | 'cancelled' | null = null;
    const stop = (reason: 'timeout' | 'cancelled') => {
      stopReason ??= reason;
      controller.abort();
    };
    const onRunAbort = () => stop('cancelled');
    options.signal?.addEventListener('abort', onRunAbort, { once: true });
    const timer = setTimeout(() => stop('timeout'), timeoutMs);
    const stopped = new Promise<never>((_, reject) => controller.signal.addEventListener('abort', () => reject(new ToolStopped()), { once: true }));
    try {
      const running = tool.run(args, { ...options.context, signal: controller.signal });
      // A tool that ignores its signal may still settle after the call is given up on.
      running.catch(() => undefined);
      const text = await Promise.race([running, stopped]);
      return { outcome: 'ok', result: text.length > maxResultLength ? `${text.slice(0, maxResultLength)}… [cut at ${maxResultLength} characters]` : text, error: null };
    } catch (error) {
      if (stopReason === 'timeout') return { outcome: 'timeout', result: null, error: `The tool ${call.name} did not answer within ${timeoutMs} ms.` };
      if (stopReason === 'cancelled') return { outcome: 'cancelled', result: null, error: 'The run was cancelled while the tool ran.' };
      return { outcome: 'failed', result: null, error: errorMessage(error) };
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onRunAbort);
      stopped.catch(() => undefined);
      controller.abort();
    }
  }

  return {
    definitions: options.tools
      .filter((tool) => allowed(tool.name))
      .map((tool) => ({ name: tool.name, description: tool.description, parameters: tool.parameters })),
    records,
    async run(call) {
      const startedAt = now().toISOString();
      const started = performance.now();
      const settled = await settle(call);
      const record: ToolCallRecord = {
        id: call.id,
        name: call.name,
        arguments: call.arguments,
        ...settled,
        startedAt,
        durationMs: Math.round(performance.now() - started),
      };
      records.push(record);
      return {
        toolCallId: call.id,
        content: settled.result ?? JSON.stringify({ error: settled.error }),
        isError: settled.outcome !== 'ok',
        record,
      };
    },
  };
}
