const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The first whole character a person sees (an emoji with its modifiers, a letter with its accents). */
function firstGrapheme(text: string): string {
  for (const { segment } of graphemes.segment(text)) return segment;
  return '';
}

/**
 * Up to two initials of a name, each a whole grapheme cluster, so "👩🏽‍🚀 Ada" starts with the
 * whole astronaut and never half of a surrogate pair. `?` when the name has none.
 */
export function initialsOf(name: string): string {
  const initials = name
    .split(/\s+|[@._-]/)
    .filter((part) => part !== '')
    .slice(0, 2)
    .map((part) => firstGrapheme(part).toLocaleUpperCase())
    .join('');
  return initials === '' ? '?' : initials;
}
