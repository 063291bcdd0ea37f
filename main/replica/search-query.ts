/** More words than this in one query only cost time: the rest are ignored. */
export const maxSearchTerms = 32;

const hasWordCharacter = /[\p{L}\p{N}]/u;

/**
 * Turns what a person typed into an FTS5 query that can only mean "all these words". Each
 * whitespace-separated chunk becomes one double-quoted string (quotes inside doubled), which FTS5
 * reads as a literal phrase run through the tokenizer: operators (`AND`, `OR`, `NOT`, `NEAR`),
 * column filters (`title:`), `*` typed inside, `^` and parentheses lose all meaning, and `don't` or
 * `e-mail` still match as the phrases they are. Each phrase then matches as a prefix. Chunks with no letter or digit would be empty
 * phrases and are dropped. `null` when nothing searchable is left.
 */
export function toMatchExpression(input: string): string | null {
  const terms = input
    // Control characters (NUL included) are never part of a word and must not reach the parser.
    .replace(/\p{Cc}/gu, ' ')
    .split(/\s+/u)
    .filter((term) => hasWordCharacter.test(term))
    .slice(0, maxSearchTerms);
  if (terms.length === 0) return null;
  // Each phrase is also a prefix: "liv" finds "live" while it is being typed.
  return terms.map((term) => `"${term.replaceAll('"', '""')}"*`).join(' ');
}
