import type { WebAbortSignal } from './web-runtime';

/**
 * What the app says to and hears from an OpenAI-compatible chat-completions endpoint, in the app's
 * own terms. The wire format (snake_case, `type: 'function'` wrappers) stays in `wire-request.ts`
 * and `chat-chunk.ts`.
 */

/** Where to send a request. The API key comes from the user's local secret store, per call. */
export interface ChatEndpoint {
  readonly baseUrl: string;
  readonly model: string;
  readonly apiKey?: string;
}

/** A call the model asked for; `arguments` is the JSON text the model produced, unparsed. */
export interface ChatToolCall {
  readonly id: string;
  readonly name: string;
  readonly arguments: string;
}

export type ChatMessage =
  | { readonly role: 'system'; readonly content: string }
  | { readonly role: 'user'; readonly content: string }
  | { readonly role: 'assistant'; readonly content: string; readonly toolCalls?: readonly ChatToolCall[] }
  | { readonly role: 'tool'; readonly toolCallId: string; readonly content: string };

/** A JSON Schema object, sent to the endpoint as it is. */
export type JsonSchema = Readonly<Record<string, unknown>>;

/** A tool offered to the model. */
export interface ChatToolDefinition {
  readonly name: string;
  readonly description: string;
  readonly parameters: JsonSchema;
}

export interface ChatRequest {
  readonly messages: readonly ChatMessage[];
  readonly tools?: readonly ChatToolDefinition[];
  readonly temperature?: number;
  /** The most tokens the answer may take (`max_tokens`). */
  readonly maxTokens?: number;
}

export interface ChatStreamOptions {
  /** Aborting it ends the stream with a `cancelled` error and closes the connection. */
  readonly signal?: WebAbortSignal;
  /** The whole answer must be complete within this time. */
  readonly timeoutMs?: number;
  /**
   * The first piece of the answer (text, a tool call or the finish) must arrive within this time.
   * Separate from the total because a local server may take a while to load a model, while an
   * endpoint that never starts answering should be reported long before a long answer would end.
   */
  readonly firstTokenTimeoutMs?: number;
}

/**
 * The provider's finish reason as sent: `stop`, `length`, `tool_calls`, `content_filter`, or
 * whatever else a server says.
 */
export type FinishReason = string;

export type ChatStreamEvent =
  | { readonly type: 'text'; readonly text: string }
  | ({ readonly type: 'tool-call' } & ChatToolCall)
  | { readonly type: 'done'; readonly finishReason: FinishReason };
