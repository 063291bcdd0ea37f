import { describe, expect, it } from 'vitest';
import { fromBase64, toBase64 } from '../../../../shared/encoding/base64';

describe('base64', () => {
  it("writes what Node's Buffer writes, and reads it back, past the chunk size", () => {
    const bytes = new Uint8Array(70_000);
    for (let i = 0; i < bytes.length; i += 1) bytes[i] = (i * 131) % 256;
    const text = toBase64(bytes);
    expect(text).toBe(Buffer.from(bytes).toString('base64'));
    expect(fromBase64(text)).toEqual(bytes);
  });

  it('encodes a view into a larger buffer by its own bytes only', () => {
    const whole = new Uint8Array([1, 2, 3, 4, 5]);
    expect(fromBase64(toBase64(whole.subarray(1, 3)))).toEqual(new Uint8Array([2, 3]));
    expect(toBase64(new Uint8Array())).toBe('');
  });
});
