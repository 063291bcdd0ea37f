import { describe, expect, it } from 'vitest';
import { Timestamp } from '../../../../shared/domain/timestamp';
import { invalid, valid } from './fixtures';

describe('Timestamp', () => {
  it.each(['2025-01-31T09:30:00.000Z', '2025-01-31T09:30:00Z', '2025-12-31T23:59:59.999999Z'])(
    'accepts %s',
    (value) => {
      expect(valid(Timestamp, value)).toBe(value);
    },
  );

  it('accepts what Date.prototype.toISOString writes', () => {
    const value = new Date(Date.UTC(2030, 5, 1, 12)).toISOString();
    expect(valid(Timestamp, value)).toBe(value);
  });

  it.each([
    ['2025-01-31T09:30:00+01:00', 'an offset'],
    ['2025-01-31T09:30:00', 'no zone'],
    ['2025-01-31', 'a date alone'],
    ['31/01/2025 09:30', 'a local format'],
    ['2025-13-01T00:00:00Z', 'month 13'],
  ])('refuses %s (%s) with an example in the message', (value) => {
    expect(invalid(Timestamp, value)).toEqual({
      field: '',
      message: 'must be an ISO 8601 UTC timestamp such as 2025-01-31T09:30:00.000Z',
    });
  });
});
