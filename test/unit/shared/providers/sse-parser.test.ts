import { describe, expect, it } from 'vitest';
import { SseOverflowError, SseParser } from '../../../../shared/providers/sse-parser';
import type { SseEvent } from '../../../../shared/providers/sse-parser';

function parseAll(pieces: readonly string[]): SseEvent[] {
  const parser = new SseParser();
  return [...pieces.flatMap((piece) => parser.push(piece)), ...parser.end()];
}

const stream = 'data: {"a":1}\n\n: keep-alive\n\ndata: {"b":"x\\ny"}\n\nevent: error\ndata: line one\ndata: line two\n\ndata: [DONE]\n\n';
const expected: SseEvent[] = [
  { event: 'message', data: '{"a":1}' },
  { event: 'message', data: '{"b":"x\\ny"}' },
  { event: 'error', data: 'line one\nline two' },
  { event: 'message', data: '[DONE]' },
];

describe('SseParser', () => {
  it('reads events, joins data lines and skips comments', () => {
    expect(parseAll([stream])).toEqual(expected);
  });

  it('gives the same events wherever the reads split the stream', () => {
    for (let cut = 0; cut <= stream.length; cut += 1) {
      expect(parseAll([stream.slice(0, cut), stream.slice(cut)])).toEqual(expected);
    }
    expect(parseAll([...stream])).toEqual(expected);
  });

  it('accepts \\r\\n and \\r line breaks, even with \\r and \\n in different reads', () => {
    const crlf = stream.replaceAll('\n', '\r\n');
    const cr = stream.replaceAll('\n', '\r');
    for (const variant of [crlf, cr]) {
      expect(parseAll([variant])).toEqual(expected);
      for (let cut = 0; cut <= variant.length; cut += 1) {
        expect(parseAll([variant.slice(0, cut), variant.slice(cut)])).toEqual(expected);
      }
    }
    expect(parseAll([...crlf])).toEqual(expected);
  });

  it('takes the value after "data:" with or without a space, and ignores unknown fields', () => {
    expect(parseAll(['data:tight\n\nid: 7\nretry: 10\ndata:  two spaces\n\n'])).toEqual([
      { event: 'message', data: 'tight' },
      { event: 'message', data: ' two spaces' },
    ]);
  });

  it('delivers a last event whose closing blank line never came', () => {
    expect(parseAll(['data: one\n\ndata: [DONE]'])).toEqual([
      { event: 'message', data: 'one' },
      { event: 'message', data: '[DONE]' },
    ]);
    expect(parseAll(['data: [DONE]\n'])).toEqual([{ event: 'message', data: '[DONE]' }]);
  });

  it('refuses a line or an event beyond its limit instead of buffering without end', () => {
    const parser = new SseParser(100);
    expect(() => parser.push('x'.repeat(101))).toThrow(SseOverflowError);
    const lines = new SseParser(100);
    expect(() => lines.push('data: 0123456789\n'.repeat(10))).toThrow(SseOverflowError);
  });
});
