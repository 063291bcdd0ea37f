/** Words beyond this many are ignored: a search box is not a document. */
const maxWords = 16;

/**
 * Turns what someone typed into an SQLite FTS5 query meaning "every word, as a word or as the
 * start of one". Only runs of letters and digits are kept, each one quoted, so nothing typed can
 * be read as query syntax (`NEAR`, `OR`, `*`, `"` or a column filter). Case and accents are left
 * to the tokenizer, which folds them on both sides. `undefined` when no word is left to look for.
 */
export function ftsQuery(text: string): string | undefined {
  const words = text.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const unique = [...new Set(words)].slice(0, maxWords);
  if (unique.length === 0) return undefined;
  return unique.map((word) => `"${word}"*`).join(' ');
}
