import type { ChatMessage } from '../providers/chat-types';

/** Characters per token, roughly, for English text and code: enough to stay inside a context length. */
const charactersPerToken = 4;

const lengthOf = (message: ChatMessage) => Math.ceil(message.content.length / charactersPerToken) + 4;

/**
 * The prompt cut to fit a context length: the system message and the latest message always stay;
 * the oldest messages of the conversation go first until the estimate fits, leaving room for the
 * answer (`maxTokens`). Without a context length the prompt is sent whole.
 */
export function fitContext(messages: readonly ChatMessage[], contextLength: number | null, maxTokens: number | null): ChatMessage[] {
  if (contextLength === null) return [...messages];
  const budget = contextLength - (maxTokens ?? 0);
  const system = messages[0]?.role === 'system' ? [messages[0]] : [];
  const conversation = messages.slice(system.length);
  let used = system.reduce((sum, message) => sum + lengthOf(message), 0);
  const kept: ChatMessage[] = [];
  for (let index = conversation.length - 1; index >= 0; index -= 1) {
    const message = conversation[index] as ChatMessage;
    used += lengthOf(message);
    if (used > budget && kept.length > 0) break;
    kept.unshift(message);
  }
  return [...system, ...kept];
}
