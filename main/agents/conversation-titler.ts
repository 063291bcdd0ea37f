import { titleFromFirstWords } from '../../shared/domain/conversation';
import type { ModelEntry } from '../../shared/domain/model-entry';
import { usesConnection } from '../../shared/domain/model-entry';
import type { ThreadedMessage } from '../../shared/sync/conversation-document';
import { createChatCompletionStream } from '../../shared/providers/chat-completion-stream';
import type { ChatStreamOptions } from '../../shared/providers/chat-types';

/** How long naming a conversation may take before its first words name it instead. */
const titleTimeoutMs = 20_000;

const instructions =
  'Name this conversation in at most six words, in the language it is written in. Answer with the title alone: no quotes, no punctuation at the end.';

export interface TitleRequest {
  /** The conversation's first question and its answer, in order. */
  readonly exchange: readonly Pick<ThreadedMessage, 'author' | 'content'>[];
  /** A model the project allows, or null when none can be reached. */
  readonly model: Pick<ModelEntry, 'provider'> | null;
  readonly apiKey?: string | null;
  readonly stream?: Pick<ChatStreamOptions, 'timeoutMs' | 'firstTokenTimeoutMs' | 'signal'>;
}

export interface SuggestedTitle {
  readonly title: string;
  /** `model` when the model named it, `first-words` when the question's first words did. */
  readonly source: 'model' | 'first-words';
}

/**
 * A title for a conversation from its first exchange, asked of the model; the question's first
 * words when no model is given, it cannot be reached, or its answer makes no usable title. Null
 * when the question has no words to take either.
 */
export async function suggestTitle(request: TitleRequest): Promise<SuggestedTitle | null> {
  const question = request.exchange.find((m) => m.author.kind === 'user')?.content ?? '';
  const fallback = titleFromFirstWords(question);
  const firstWords = fallback === null ? null : { title: fallback, source: 'first-words' as const };
  // A model behind a server connection has no key on this machine to ask it with.
  if (request.model === null || usesConnection(request.model.provider) || question.trim() === '') return firstWords;
  const endpoint = { baseUrl: request.model.provider.baseUrl, model: request.model.provider.model, ...(request.apiKey ? { apiKey: request.apiKey } : {}) };
  const messages = [
    { role: 'system' as const, content: instructions },
    ...request.exchange.map((m) => (m.author.kind === 'user' ? { role: 'user' as const, content: m.content } : { role: 'assistant' as const, content: m.content })),
    { role: 'user' as const, content: 'Give the title now.' },
  ];
  let text = '';
  try {
    for await (const event of createChatCompletionStream(endpoint, { messages, maxTokens: 24, temperature: 0.2 }, { timeoutMs: titleTimeoutMs, ...request.stream })) {
      if (event.type === 'text') text += event.text;
    }
  } catch {
    // Unreachable, refused or too slow: the first words name it, as they would offline.
    return firstWords;
  }
  const cleaned = text
    .split('\n')
    .map((line) => line.trim())
    .find((line) => line !== '')
    ?.replace(/^(title:\s*)/i, '')
    .replace(/^["'“”‘’*_#]+|["'“”‘’*_.!?]+$/gu, '')
    .trim();
  const title = cleaned === undefined ? null : titleFromFirstWords(cleaned);
  return title === null ? firstWords : { title, source: 'model' };
}
