import { ChatCompletionChunk, describeIssue } from './chat-chunk';
import type { ChatStreamEvent, FinishReason } from './chat-types';
import { providerMessageOf } from './provider-message';
import { ProviderError } from './provider-error';
import type { SseEvent } from './sse-parser';
import { ToolCallAssembler } from './tool-call-assembler';

function preview(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 80 ? `${flat.slice(0, 80)}…` : flat;
}

/**
 * Turns the events of one chat-completions stream into the app's events: text as it arrives, tool
 * calls once complete, then `done`. Anything that does not fit the protocol throws a ProviderError
 * (`malformed`, or `provider` when the stream carries the endpoint's own error).
 */
export class ChatStreamInterpreter {
  private readonly toolCalls = new ToolCallAssembler();
  private finishReason: FinishReason | null = null;
  private ended = false;
  /** True once a piece of the answer (text, a tool call, the finish) has arrived. */
  answered = false;

  get finished(): boolean {
    return this.ended;
  }

  accept(event: SseEvent): ChatStreamEvent[] {
    if (this.ended) return [];
    if (event.data.trim() === '[DONE]') return this.end(true);
    let json: unknown;
    try {
      json = JSON.parse(event.data);
    } catch {
      throw new ProviderError('malformed', `The model endpoint sent a chunk that is not valid JSON: ${preview(event.data)}`);
    }
    const reported = event.event === 'error' ? (providerMessageOf(json) ?? preview(event.data)) : errorIn(json);
    if (reported !== null) {
      throw new ProviderError('provider', `The model endpoint reported an error during the answer: ${reported}`, { providerMessage: reported });
    }
    const chunk = ChatCompletionChunk.safeParse(json);
    if (!chunk.success) {
      throw new ProviderError('malformed', `The model endpoint sent a chunk that is not a chat-completions chunk (${describeIssue(chunk.error)}).`);
    }
    // Only the first choice is asked for; a server that sends more anyway is not followed there.
    const choice = chunk.data.choices.find((candidate) => (candidate.index ?? 0) === 0);
    if (choice === undefined) return [];
    const events: ChatStreamEvent[] = [];
    const content = choice.delta?.content;
    if (content != null && content !== '') {
      this.answered = true;
      events.push({ type: 'text', text: content });
    }
    for (const fragment of choice.delta?.tool_calls ?? []) {
      this.answered = true;
      const problem = this.toolCalls.add(fragment);
      if (problem !== null) throw new ProviderError('malformed', `The model endpoint sent an unusable tool call: ${problem}.`);
    }
    if (choice.finish_reason != null) {
      this.answered = true;
      this.finishReason = choice.finish_reason;
    }
    return events;
  }

  /**
   * The stream is over, by `[DONE]` or by the end of the body. Without `[DONE]`, a finish reason
   * must have arrived: otherwise the answer was cut off and is not presented as complete.
   */
  end(sawDone: boolean): ChatStreamEvent[] {
    if (this.ended) return [];
    if (!sawDone && this.finishReason === null) {
      throw new ProviderError('malformed', 'The model endpoint ended the stream before the answer was complete.');
    }
    this.ended = true;
    const assembled = this.toolCalls.finish();
    if ('problem' in assembled) throw new ProviderError('malformed', `The model endpoint sent an unusable tool call: ${assembled.problem}.`);
    const finishReason = this.finishReason ?? (assembled.calls.length > 0 ? 'tool_calls' : 'stop');
    return [...assembled.calls.map((call) => ({ type: 'tool-call' as const, ...call })), { type: 'done', finishReason }];
  }
}

function errorIn(json: unknown): string | null {
  if (typeof json !== 'object' || json === null || !('error' in json) || json.error == null) return null;
  return providerMessageOf(json) ?? preview(JSON.stringify(json.error));
}
