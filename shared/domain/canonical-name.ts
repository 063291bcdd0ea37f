import { z } from 'zod';

/**
 * A URL- and DNS-label-safe slug, unique per organization: 1 to 63 characters of lowercase a–z,
 * 0–9 and single hyphens, starting and ending with a letter or digit. 63 is the DNS label limit, so
 * a canonical name can become a host name without another rule.
 */
export const CanonicalName = z
  .string()
  .min(1)
  .max(63)
  .regex(
    /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
    'must use only lowercase letters a-z, digits 0-9 and single hyphens, and start and end with a letter or digit',
  );
export type CanonicalName = z.infer<typeof CanonicalName>;

export type CanonicalNameResult = { ok: true; value: CanonicalName } | { ok: false; message: string };

// Letters that Unicode decomposition leaves alone but that have a conventional Latin spelling.
const transliterations: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ł: 'l',
  ı: 'i',
};

/**
 * Derives a canonical name from a display name ("Café Ops — 2025" → "cafe-ops-2025"). Fails only
 * when nothing usable is left, such as a name made of punctuation or of a script without a Latin
 * spelling; the caller then asks for an explicit canonical name.
 */
export function toCanonicalName(name: string): CanonicalNameResult {
  const slug = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[ßæœøđðþłı]/g, (letter) => transliterations[letter] ?? letter)
    // "Alice's notes" reads better as alices-notes than alice-s-notes.
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
  if (slug === '') {
    return {
      ok: false,
      message: 'must contain at least one letter a-z or digit 0-9 to derive a canonical name',
    };
  }
  return { ok: true, value: slug };
}
