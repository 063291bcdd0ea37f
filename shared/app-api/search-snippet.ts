/**
 * A search hit's snippet is plain text in which each matched word is wrapped in these two
 * characters. They are control characters that the search index removes from the text it stores,
 * so they can only come from the marking; the renderer splits on them and never parses markup.
 */
export const snippetMarkStart = '\u0002';
export const snippetMarkEnd = '\u0003';

export interface SnippetPart {
  readonly text: string;
  readonly matched: boolean;
}

/** The snippet as alternating plain and matched runs, empty runs left out. */
export function splitSnippet(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let matched = false;
  let text = '';
  const flush = () => {
    if (text !== '') parts.push({ text, matched });
    text = '';
  };
  for (const char of snippet) {
    if (char === snippetMarkStart || char === snippetMarkEnd) {
      flush();
      matched = char === snippetMarkStart;
    } else {
      text += char;
    }
  }
  flush();
  return parts;
}
