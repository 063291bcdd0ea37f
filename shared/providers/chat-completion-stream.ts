import { CallDeadline } from './call-deadline';
import type { ChatEndpoint, ChatRequest, ChatStreamEvent, ChatStreamOptions } from './chat-types';
import { ChatStreamInterpreter } from './chat-stream-interpreter';
import { endpointUrl } from './endpoint-url';
import { httpFailure } from './http-failure';
import { ProviderError } from './provider-error';
import { SseOverflowError, SseParser } from './sse-parser';
import { chatCompletionBody, requestHeaders } from './wire-request';
import { createTextDecoder, webFetch } from './web-runtime';
import type { WebStreamReader } from './web-runtime';

/** Generous, because a local model on a laptop CPU can take minutes for a long answer. */
export const defaultTimeoutMs = 10 * 60_000;
/** Long enough for a local server to load a model into memory before it starts answering. */
export const defaultFirstTokenTimeoutMs = 2 * 60_000;

/**
 * Streams one chat completion from an OpenAI-compatible endpoint. Nothing happens until the result
 * is iterated. Every failure, whatever its cause, is thrown into the iteration as a ProviderError;
 * leaving the iteration early closes the connection.
 */
export function createChatCompletionStream(
  endpoint: ChatEndpoint,
  request: ChatRequest,
  options: ChatStreamOptions = {},
): AsyncIterable<ChatStreamEvent> {
  return { [Symbol.asyncIterator]: () => streamChatCompletion(endpoint, request, options) };
}

async function* streamChatCompletion(
  endpoint: ChatEndpoint,
  request: ChatRequest,
  options: ChatStreamOptions,
): AsyncGenerator<ChatStreamEvent, void, undefined> {
  const deadline = new CallDeadline({
    signal: options.signal,
    timeoutMs: options.timeoutMs ?? defaultTimeoutMs,
    firstTokenTimeoutMs: options.firstTokenTimeoutMs ?? defaultFirstTokenTimeoutMs,
  });
  let phase: 'connecting' | 'reading' = 'connecting';
  let reader: WebStreamReader | null = null;
  try {
    const response = await webFetch(endpointUrl(endpoint.baseUrl, 'chat/completions'), {
      method: 'POST',
      headers: requestHeaders(endpoint.apiKey, 'text/event-stream'),
      body: JSON.stringify(chatCompletionBody(endpoint, request)),
      signal: deadline.signal,
    });
    if (!response.ok) throw await httpFailure(response, endpoint.baseUrl);
    const type = response.headers.get('content-type') ?? '';
    if (!type.toLowerCase().startsWith('text/event-stream')) {
      throw new ProviderError(
        'malformed',
        `The model endpoint at ${endpoint.baseUrl} answered with ${type === '' ? 'no content type' : `"${type}"`} instead of an event stream. Check that the base URL points at an OpenAI-compatible API.`,
      );
    }
    if (response.body === null) throw new ProviderError('malformed', `The model endpoint at ${endpoint.baseUrl} answered with an empty body.`);
    reader = response.body.getReader();
    phase = 'reading';
    yield* readAnswer(reader, deadline);
  } catch (error) {
    if (error instanceof SseOverflowError) throw new ProviderError('malformed', `The model endpoint sent an unusable stream: ${error.message}.`);
    throw deadline.explain(error, endpoint.baseUrl, phase);
  } finally {
    deadline.dispose();
    // Releases the connection when the consumer stopped early or the answer ended before the body did.
    reader?.cancel().catch(() => undefined);
  }
}

async function* readAnswer(reader: WebStreamReader, deadline: CallDeadline): AsyncGenerator<ChatStreamEvent, void, undefined> {
  const decoder = createTextDecoder();
  const parser = new SseParser();
  const interpreter = new ChatStreamInterpreter();
  while (!interpreter.finished) {
    const { done, value } = await reader.read();
    const events = done ? [...parser.push(decoder.decode()), ...parser.end()] : parser.push(decoder.decode(value, { stream: true }));
    for (const event of events) {
      const answer = interpreter.accept(event);
      if (interpreter.answered) deadline.firstTokenArrived();
      yield* answer;
      if (interpreter.finished) return;
    }
    if (done) {
      yield* interpreter.end(false);
      return;
    }
  }
}
