import { describe, expect, it } from 'vitest';
import { initialsOf } from '../../../../shared/domain/initials';
import { countOf } from '../../../../shared/domain/plural';

describe('initialsOf', () => {
  it.each([
    ['Ada Lovelace', 'AL'],
    ['grace', 'G'],
    ['ops@example.test', 'OE'],
    ['👩🏽‍🚀 Ada', '👩🏽‍🚀A'],
    ['🇫🇷 Équipe', '🇫🇷É'],
    ['e\u0301lodie', 'E\u0301'],
    ['', '?'],
    ['   ', '?'],
  ])('%j has initials %j', (name, initials) => {
    expect(initialsOf(name)).toBe(initials);
  });

  it('never splits a surrogate pair', () => {
    for (const name of ['😀 x', '𝒜lpha', '👨‍👩‍👧 family']) {
      // A lone surrogate would not survive a round trip through UTF-8.
      expect(new TextDecoder().decode(new TextEncoder().encode(initialsOf(name)))).toBe(initialsOf(name));
    }
  });
});

describe('countOf', () => {
  it('says one in the singular and everything else in the plural', () => {
    expect(countOf(1, 'person', 'people')).toBe('1 person');
    expect(countOf(2, 'person', 'people')).toBe('2 people');
    expect(countOf(0, 'project')).toBe('0 projects');
    expect(countOf(1, 'project')).toBe('1 project');
  });
});
