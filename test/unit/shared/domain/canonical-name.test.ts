import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CanonicalName, toCanonicalName } from '../../../../shared/domain/canonical-name';
import { invalid, valid } from './fixtures';

const slugRule =
  'must use only lowercase letters a-z, digits 0-9 and single hyphens, and start and end with a letter or digit';

describe('CanonicalName', () => {
  it.each(['default', 'a', '7', 'platform-team', 'q3-2025-launch', 'x1-y2-z3', 'a'.repeat(63)])(
    'accepts %s',
    (name) => {
      expect(valid(CanonicalName, name)).toBe(name);
    },
  );

  it.each([
    ['-leading', slugRule],
    ['trailing-', slugRule],
    ['double--hyphen', slugRule],
    ['Upper', slugRule],
    ['under_score', slugRule],
    ['with space', slugRule],
    ['dot.ted', slugRule],
    ['café', slugRule],
    ['-', slugRule],
    ['', 'must not be empty'],
    ['a'.repeat(64), 'must have at most 63 characters'],
  ])('refuses %j', (name, message) => {
    expect(invalid(CanonicalName, name)).toEqual({ field: '', message });
  });
});

describe('toCanonicalName', () => {
  it.each([
    ['Platform Team', 'platform-team'],
    ['  Q3 2025: Launch!  ', 'q3-2025-launch'],
    ['Café Ops — 2025', 'cafe-ops-2025'],
    ["Alice's notes", 'alices-notes'],
    ['Straße & Co', 'strasse-co'],
    ['Ørsted Æble Łódź', 'orsted-aeble-lodz'],
    ['already-a-slug', 'already-a-slug'],
    ['snake_case_name', 'snake-case-name'],
    ['--Hyphens--everywhere--', 'hyphens-everywhere'],
    ['ＦＵＬＬ width', 'full-width'],
    ['2025', '2025'],
    ['İstanbul', 'istanbul'],
  ])('turns %j into %s', (name, slug) => {
    expect(toCanonicalName(name)).toEqual({ ok: true, value: slug });
  });

  it('cuts long names to 63 characters without leaving a trailing hyphen', () => {
    const result = toCanonicalName(`${'a'.repeat(62)} b`);
    expect(result).toEqual({ ok: true, value: 'a'.repeat(62) });
  });

  it.each(['', '   ', '!!!', '— · —', '数据平台', '🙂'])('fails clearly for %j', (name) => {
    expect(toCanonicalName(name)).toEqual({
      ok: false,
      message: 'must contain at least one letter a-z or digit 0-9 to derive a canonical name',
    });
  });

  it('always yields a valid canonical name, or fails only when no ASCII letter or digit survives', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 120 }), (name) => {
        const result = toCanonicalName(name);
        if (result.ok) {
          expect(CanonicalName.safeParse(result.value).success).toBe(true);
        } else {
          expect(name.toLowerCase().normalize('NFKD')).not.toMatch(/[a-z0-9]/);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('leaves a valid canonical name unchanged', () => {
    const slug = fc.stringMatching(/^[a-z0-9]{1,10}(?:-[a-z0-9]{1,10}){0,4}$/);
    fc.assert(
      fc.property(slug, (name) => {
        expect(toCanonicalName(name)).toEqual({ ok: true, value: name });
      }),
    );
  });
});
