import type { ChatEndpoint, ChatMessage, ChatRequest } from './chat-types';

export function requestHeaders(apiKey: string | undefined, accept: string): Record<string, string> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: accept };
  // Local servers need no key; sending an empty bearer token makes some of them refuse.
  if (apiKey !== undefined && apiKey !== '') headers.Authorization = `Bearer ${apiKey}`;
  return headers;
}

function wireMessage(message: ChatMessage): Record<string, unknown> {
  switch (message.role) {
    case 'system':
    case 'user':
      return { role: message.role, content: message.content };
    case 'assistant':
      if (message.toolCalls === undefined || message.toolCalls.length === 0) return { role: 'assistant', content: message.content };
      return {
        role: 'assistant',
        content: message.content === '' ? null : message.content,
        tool_calls: message.toolCalls.map((call) => ({ id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } })),
      };
    case 'tool':
      return { role: 'tool', tool_call_id: message.toolCallId, content: message.content };
  }
}

/** The JSON body of a streamed `POST /chat/completions`. */
export function chatCompletionBody(endpoint: ChatEndpoint, request: ChatRequest): Record<string, unknown> {
  const body: Record<string, unknown> = {
    model: endpoint.model,
    messages: request.messages.map(wireMessage),
    stream: true,
  };
  if (request.tools !== undefined && request.tools.length > 0) {
    body.tools = request.tools.map((tool) => ({
      type: 'function',
      function: { name: tool.name, description: tool.description, parameters: tool.parameters },
    }));
  }
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.maxTokens !== undefined) body.max_tokens = request.maxTokens;
  return body;
}
