import { describe, expect, it } from 'vitest';
import { messageFromBodyText } from '../../../../shared/providers/provider-message';

describe('messageFromBodyText', () => {
  it.each([
    ['OpenAI and Ollama', '{"error":{"message":"model not found","type":"invalid_request_error"}}', 'model not found'],
    ['llama.cpp', '{"error":"Loading model"}', 'Loading model'],
    ['vLLM', '{"object":"error","message":"bad request","code":400}', 'bad request'],
    ['FastAPI', '{"detail":"Not Found"}', 'Not Found'],
    ['a proxy page', '<html>\n  <body>Bad Gateway</body>\n</html>', '<html> <body>Bad Gateway</body> </html>'],
  ])('reads the message of %s', (_server, body, message) => {
    expect(messageFromBodyText(body)).toBe(message);
  });

  it('shortens a long body', () => {
    const shown = messageFromBodyText('x'.repeat(2000));
    expect(shown).toHaveLength(501);
    expect(shown.endsWith('…')).toBe(true);
  });
});
