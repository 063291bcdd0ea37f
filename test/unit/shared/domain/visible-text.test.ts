import { describe, expect, it } from 'vitest';
import { invisibleTextProblem, showHiddenCharacters } from '../../../../shared/domain/visible-text';

describe('invisibleTextProblem', () => {
  it('names the direction control and where it stands', () => {
    expect(invisibleTextProblem('abc\u202Edef')).toBe(
      'must not contain text-direction controls, which make text read differently than it is stored (U+202E at character 4)',
    );
  });

  it.each([
    ['a zero-width space', 'a\u200Bb'],
    ['a joiner between Latin letters', 'a\u200Db'],
    ['a non-joiner at the start', '\u200Cمی'],
    ['a variation selector after a letter', 'a\uFE0Fb'],
    ['a tag character without a flag', 'x\u{E0067}'],
    ['an ideographic variation selector after a Latin letter', 'a\u{E0100}'],
    ['a Braille blank', 'a\u2800b'],
    ['a line separator', 'a\u2028b'],
  ])('refuses %s', (_what, text) => {
    expect(invisibleTextProblem(text)).toMatch(/^must not contain invisible characters/);
  });

  it.each([
    ['plain text', 'Quarterly report'],
    ['Arabic', 'مشروع'],
    ['Persian with a non-joiner between letters', 'می\u200Cخواهم'],
    ['Hindi with a joiner', 'क\u200Dष'],
    ['an emoji ZWJ sequence with a skin tone', '👩🏽\u200D💻'],
    ['an emoji with its presentation selector', '❤\uFE0F'],
    ['the flag of England', '\u{1F3F4}\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}'],
    ['an ideographic variation sequence', '葛\u{E0100}'],
  ])('allows %s', (_what, text) => {
    expect(invisibleTextProblem(text)).toBeUndefined();
  });
});

describe('showHiddenCharacters', () => {
  it('replaces what is refused with U+FFFD and keeps the rest, in NFC', () => {
    expect(showHiddenCharacters('Cafe\u0301\u202E \u200B👩\u200D💻')).toBe('Café\uFFFD \uFFFD👩\u200D💻');
    expect(invisibleTextProblem(showHiddenCharacters('a\u2066b\u2069c'))).toBeUndefined();
  });
});
