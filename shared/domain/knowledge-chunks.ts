/** Most characters in one chunk: a paragraph or two, what one citation shows and one search hit returns. */
export const maxKnowledgeChunkLength = 1_200;

/** A piece of a too-long paragraph: cut at the last sentence end or space before the limit, if any. */
function splitLong(paragraph: string, limit: number): string[] {
  const pieces: string[] = [];
  let rest = paragraph;
  while (rest.length > limit) {
    const window = rest.slice(0, limit);
    const sentence = Math.max(window.lastIndexOf('. '), window.lastIndexOf('? '), window.lastIndexOf('! '));
    const space = window.lastIndexOf(' ');
    const cut = sentence > limit / 2 ? sentence + 1 : space > limit / 2 ? space : limit;
    pieces.push(rest.slice(0, cut).trim());
    rest = rest.slice(cut).trim();
  }
  if (rest !== '') pieces.push(rest);
  return pieces;
}

/**
 * A document's text in chunks for the search index, in order: paragraphs (text between blank
 * lines) gathered up to `limit` characters, a longer paragraph cut between sentences or words.
 * Every chunk is non-empty and at most `limit` long; together they hold all the text's words.
 */
export function chunkKnowledgeText(text: string, limit = maxKnowledgeChunkLength): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const paragraph of text.split(/\n[ \t]*\n/)) {
    for (const piece of splitLong(paragraph.trim(), limit)) {
      if (current !== '' && current.length + 2 + piece.length > limit) {
        chunks.push(current);
        current = '';
      }
      current = current === '' ? piece : `${current}\n\n${piece}`;
    }
  }
  if (current !== '') chunks.push(current);
  return chunks;
}
