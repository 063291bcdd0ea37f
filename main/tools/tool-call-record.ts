import { ToolCall } from '../../shared/domain/message';
import { ToolName } from '../../shared/domain/tool-name';
import { isJsonText } from '../../shared/domain/json-text';

/**
 * - `ok`: the tool ran and answered;
 * - `refused`: the tool is outside the effective allowlist, or no such tool exists; it did not run;
 * - `failed`: the arguments were unusable or the tool threw;
 * - `timeout`: the tool did not answer in time;
 * - `cancelled`: the run was cancelled before or while the tool ran.
 */
export type ToolCallOutcome = 'ok' | 'refused' | 'failed' | 'timeout' | 'cancelled';

/** One call as the run record keeps it, whether or not the tool ran. */
export interface ToolCallRecord {
  readonly id: string;
  readonly name: string;
  /** The arguments exactly as the model sent them. */
  readonly arguments: string;
  readonly outcome: ToolCallOutcome;
  /** What the tool answered, when the outcome is `ok`. */
  readonly result: string | null;
  /** Why there is no result, otherwise. */
  readonly error: string | null;
  readonly startedAt: string;
  readonly durationMs: number;
}

const limits = { id: 256, arguments: 100_000, result: 1_000_000, error: 10_000 } as const;

function clip(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

/** Arguments that are not JSON, or too long, are kept as a JSON string of what the model sent. */
function storableArguments(raw: string): string {
  if (raw.length <= limits.arguments && isJsonText(raw)) return raw;
  let kept = raw.slice(0, limits.arguments);
  let text = JSON.stringify(kept);
  while (text.length > limits.arguments) {
    kept = kept.slice(0, Math.floor(kept.length / 2));
    text = JSON.stringify(kept);
  }
  return text;
}

/**
 * The record as a message's `toolCalls` entry. A model can call a tool by a name no tool could
 * have (that call was refused); the name is made storable so the refusal is still recorded.
 */
export function toMessageToolCall(record: ToolCallRecord): ToolCall {
  const name = ToolName.safeParse(record.name).success ? record.name : clip(record.name.replace(/[^A-Za-z0-9_-]/g, '_'), 64) || 'unnamed';
  return ToolCall.parse({
    id: clip(record.id, limits.id) || 'call',
    name: name.slice(0, 64),
    arguments: storableArguments(record.arguments),
    result: record.result === null ? null : clip(record.result, limits.result),
    error: record.result !== null ? null : clip(record.error ?? record.outcome, limits.error),
  });
}
