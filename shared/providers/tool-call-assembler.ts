import type { ChatToolCall } from './chat-types';
import type { ToolCallFragment } from './chat-chunk';

/** Longer arguments than a message's tool-call record can hold mean a runaway model. */
export const maxToolArgumentsLength = 100_000;

interface PartialCall {
  id: string;
  name: string;
  arguments: string;
}

/**
 * Puts streamed tool calls back together. OpenAI streams a call's id and name in its first
 * fragment and the arguments in pieces after it, all tagged with the call's `index`; Ollama sends
 * each call whole. A fragment without an index continues the latest call unless it carries a new id.
 */
export class ToolCallAssembler {
  private readonly calls = new Map<number, PartialCall>();
  private latest: number | null = null;

  /** Adds a fragment; returns a description of the problem when the stream is not usable. */
  add(fragment: ToolCallFragment): string | null {
    const index = this.indexOf(fragment);
    const call = this.calls.get(index) ?? { id: '', name: '', arguments: '' };
    this.calls.set(index, call);
    this.latest = index;
    // Id and name arrive whole in the first fragment that has them; later repeats are ignored.
    if (call.id === '' && fragment.id) call.id = fragment.id;
    if (call.name === '' && fragment.function?.name) call.name = fragment.function.name;
    call.arguments += fragment.function?.arguments ?? '';
    if (call.arguments.length > maxToolArgumentsLength) return `the arguments of tool call ${index} exceed ${maxToolArgumentsLength} characters`;
    return null;
  }

  get size(): number {
    return this.calls.size;
  }

  /** The finished calls in index order, or a description of the first one that is incomplete. */
  finish(): { calls: ChatToolCall[] } | { problem: string } {
    const calls: ChatToolCall[] = [];
    for (const [index, call] of [...this.calls].sort(([a], [b]) => a - b)) {
      if (call.name === '') return { problem: `tool call ${index} has no function name` };
      calls.push({
        // Some local servers leave the id out; the reply to the call only needs it to be unique.
        id: call.id === '' ? `call_${index}` : call.id,
        name: call.name,
        // A function without parameters may be streamed with no argument text at all.
        arguments: call.arguments.trim() === '' ? '{}' : call.arguments,
      });
    }
    return { calls };
  }

  private indexOf(fragment: ToolCallFragment): number {
    if (fragment.index != null) return fragment.index;
    const known = [...this.calls].find(([, call]) => fragment.id && call.id === fragment.id);
    if (known !== undefined) return known[0];
    if (this.latest !== null && !fragment.id) return this.latest;
    return this.calls.size === 0 ? 0 : Math.max(...this.calls.keys()) + 1;
  }
}
