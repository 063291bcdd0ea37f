/**
 * The human-readable message in an endpoint's error body. OpenAI, Ollama and LM Studio send
 * `{"error":{"message"}}`, llama.cpp and others `{"error":"..."}`, vLLM `{"message"}`, FastAPI-based
 * servers `{"detail"}`; anything else is shown as the text it is, shortened.
 */
export function providerMessageOf(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const record = body as Record<string, unknown>;
  const error = record.error;
  if (typeof error === 'string') return error;
  if (typeof error === 'object' && error !== null) {
    const nested = (error as Record<string, unknown>).message;
    if (typeof nested === 'string') return nested;
  }
  if (typeof record.message === 'string') return record.message;
  if (typeof record.detail === 'string') return record.detail;
  return null;
}

export const maxShownBodyLength = 500;

/** What to show of an error body: the provider's message when it has one, else the text itself. */
export function messageFromBodyText(text: string): string {
  let message: string | null = null;
  try {
    message = providerMessageOf(JSON.parse(text));
  } catch {
    // Not JSON: an HTML error page or plain text from a proxy.
  }
  const shown = (message ?? text).trim().replace(/\s+/g, ' ');
  return shown.length > maxShownBodyLength ? `${shown.slice(0, maxShownBodyLength)}…` : shown;
}
