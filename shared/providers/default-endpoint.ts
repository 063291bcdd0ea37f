/**
 * Where a fresh install looks for a model: Ollama's OpenAI-compatible API on its default port.
 * Loopback by address rather than `localhost`, so a machine that resolves `localhost` to IPv6 first
 * still reaches Ollama, which listens on IPv4 by default.
 */
export const defaultProviderBaseUrl = 'http://127.0.0.1:11434/v1';
