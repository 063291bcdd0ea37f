/**
 * Case- and accent-insensitive substring matching with a snippet of the original text, so that
 * "cafe" finds "Café" and the hit still shows "Café".
 */
export interface TextMatch {
  readonly snippet: string;
}

interface Folded {
  readonly text: string;
  /** For each UTF-16 unit of `text`, the index in the original where its character starts. */
  readonly origin: readonly number[];
}

function fold(text: string): Folded {
  let folded = '';
  const origin: number[] = [];
  let index = 0;
  for (const char of text) {
    const part = char.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
    folded += part;
    for (let i = 0; i < part.length; i++) origin.push(index);
    index += char.length;
  }
  return { text: folded, origin };
}

export function foldQuery(query: string): string {
  return fold(query.trim()).text;
}

const context = 40;

/** The match of an already folded query in `text`, or `undefined`. */
export function matchText(text: string, foldedQuery: string): TextMatch | undefined {
  if (foldedQuery === '') return undefined;
  const folded = fold(text);
  const at = folded.text.indexOf(foldedQuery);
  if (at < 0) return undefined;
  const start = folded.origin[at] ?? 0;
  const endUnit = at + foldedQuery.length;
  const end = endUnit < folded.origin.length ? (folded.origin[endUnit] ?? text.length) : text.length;
  const from = Math.max(0, start - context);
  const to = Math.min(text.length, end + context);
  const body = text.slice(from, to).replace(/\s+/g, ' ').trim();
  return { snippet: `${from > 0 ? '…' : ''}${body}${to < text.length ? '…' : ''}` };
}
