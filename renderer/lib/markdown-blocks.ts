/**
 * Splits Markdown into top-level blocks at blank lines outside fenced code, so a streamed answer
 * re-parses only its last block as it grows: the blocks before it are unchanged strings, and their
 * memoized renderings are kept. A list or quote split at a blank line renders as two, which reads
 * the same.
 */
export function markdownBlocks(text: string): string[] {
  const blocks: string[] = [];
  let current: string[] = [];
  let fence: string | null = null;
  for (const line of text.split('\n')) {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (marker !== undefined) {
      if (fence === null) fence = marker;
      else if (marker.startsWith(fence) && line.trim() === marker) fence = null;
    }
    if (fence === null && line.trim() === '' && current.length > 0) {
      blocks.push(current.join('\n'));
      current = [];
    } else if (fence !== null || line.trim() !== '') current.push(line);
  }
  if (current.length > 0) blocks.push(current.join('\n'));
  return blocks;
}
