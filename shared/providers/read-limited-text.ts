import { createTextDecoder } from './web-runtime';
import type { WebByteStream } from './web-runtime';

/** Reads at most `limit` bytes of a body as text and lets go of the rest. */
export async function readLimitedText(body: WebByteStream | null, limit: number): Promise<string> {
  if (body === null) return '';
  const reader = body.getReader();
  const decoder = createTextDecoder();
  let text = '';
  let bytes = 0;
  try {
    while (bytes < limit) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      text += decoder.decode(value, { stream: true });
    }
    return text + decoder.decode();
  } finally {
    reader.cancel().catch(() => undefined);
  }
}
