import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { uniqueList } from '../../../../shared/domain/unique-list';
import { invalid, valid } from './fixtures';

describe('uniqueList', () => {
  const tags = uniqueList(z.string());

  it('accepts distinct items in their order', () => {
    expect(valid(tags, ['b', 'a', 'c'])).toEqual(['b', 'a', 'c']);
  });

  it('accepts an empty list', () => {
    expect(valid(tags, [])).toEqual([]);
  });

  it('names the index of the first repeat', () => {
    expect(invalid(tags, ['a', 'b', 'a'])).toEqual({ field: '2', message: 'must not repeat "a"' });
  });

  it('still checks the items themselves', () => {
    expect(invalid(uniqueList(z.string().min(2)), ['ab', 'c'])).toEqual({
      field: '1',
      message: 'must have at least 2 characters',
    });
  });
});
