import { describe, expect, it } from 'vitest';
import { Description, DisplayName, PromptText } from '../../../../shared/domain/text-fields';
import { invalid, valid } from './fixtures';

describe('DisplayName', () => {
  it('trims', () => {
    expect(valid(DisplayName, '  Platform team ')).toBe('Platform team');
  });

  it('accepts 100 characters', () => {
    expect(valid(DisplayName, 'x'.repeat(100))).toHaveLength(100);
  });

  it('refuses 101 characters', () => {
    expect(invalid(DisplayName, 'x'.repeat(101))).toEqual({
      field: '',
      message: 'must have at most 100 characters',
    });
  });

  it('refuses a name that is only spaces', () => {
    expect(invalid(DisplayName, '   ')).toEqual({ field: '', message: 'must not be empty' });
  });

  it.each(['two\nlines', 'tab\there', 'bell\u0007'])('refuses control characters in %j', (value) => {
    expect(invalid(DisplayName, value)).toEqual({
      field: '',
      message: 'must be a single line without control characters',
    });
  });

  it('accepts non-Latin names', () => {
    expect(valid(DisplayName, 'Équipe données 数据')).toBe('Équipe données 数据');
  });
});

describe('Description', () => {
  it('may be empty', () => {
    expect(valid(Description, '')).toBe('');
  });

  it('keeps newlines inside', () => {
    expect(valid(Description, 'line one\nline two\n')).toBe('line one\nline two');
  });

  it('refuses more than 2000 characters', () => {
    expect(invalid(Description, 'x'.repeat(2001)).message).toBe('must have at most 2000 characters');
  });
});

describe('PromptText', () => {
  it('keeps surrounding whitespace', () => {
    expect(valid(PromptText, '\nYou are terse.\n')).toBe('\nYou are terse.\n');
  });

  it('refuses more than 50000 characters', () => {
    expect(PromptText.safeParse('x'.repeat(50_001)).success).toBe(false);
    expect(PromptText.safeParse('x'.repeat(50_000)).success).toBe(true);
  });
});
