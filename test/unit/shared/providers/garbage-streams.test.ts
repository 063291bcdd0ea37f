import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChatCompletionStream } from '../../../../shared/providers/chat-completion-stream';
import { ProviderError } from '../../../../shared/providers/provider-error';

/** A server that answers every request with the pieces the current property run chose, as an event stream. */
let pieces: string[] = [];
let server: Server;
let baseUrl: string;

beforeAll(async () => {
  server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/event-stream' });
    for (const piece of pieces) res.write(piece);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** Stream-like garbage: fragments of real chunks mixed with noise. */
const fragment = fc.oneof(
  fc.constantFrom('data: ', '\n', '\r\n', '\n\n', ': ping\n\n', 'data: [DONE]\n\n', '{"choices":[', '{"index":0,"delta":{"content":"hi"}}', ']}', '"tool_calls":[{"index":0', 'null', '{"error":{}}'),
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
);

describe('a garbage stream', () => {
  it('ends in events or a ProviderError, never in anything else', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fragment, { maxLength: 25 }), async (chosen) => {
        pieces = chosen;
        try {
          for await (const event of createChatCompletionStream({ baseUrl, model: 'm' }, { messages: [] }, { timeoutMs: 5000 })) {
            expect(['text', 'tool-call', 'done']).toContain(event.type);
          }
        } catch (error) {
          expect(error).toBeInstanceOf(ProviderError);
          expect((error as ProviderError).kind).not.toBe('timeout');
        }
      }),
      { numRuns: 150 },
    );
  });
});
