import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Sha256Hex } from '../../../../shared/domain/sha256-hex';
import { invalid, valid } from './fixtures';

const digest = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

describe('Sha256Hex', () => {
  it('accepts the SHA-256 of the empty string', () => {
    expect(valid(Sha256Hex, digest)).toBe(digest);
  });

  it.each([
    [digest.toUpperCase(), 'uppercase'],
    [digest.slice(0, 63), '63 characters'],
    [`${digest}0`, '65 characters'],
    [`${digest.slice(0, 63)}g`, 'a non-hex letter'],
    [` ${digest.slice(1)}`, 'a space'],
  ])('refuses %s (%s)', (value) => {
    expect(invalid(Sha256Hex, value)).toEqual({
      field: '',
      message: 'must be 64 lowercase hex characters (a SHA-256 digest)',
    });
  });

  it('accepts every 64-character lowercase hex string and refuses any with an uppercase letter', () => {
    const hex = fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 64, maxLength: 64 });
    fc.assert(
      fc.property(hex, fc.nat({ max: 63 }), (value, at) => {
        expect(Sha256Hex.safeParse(value).success).toBe(true);
        const withUpper = `${value.slice(0, at)}A${value.slice(at + 1)}`;
        expect(Sha256Hex.safeParse(withUpper).success).toBe(false);
      }),
    );
  });
});
