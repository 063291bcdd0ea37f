import { z } from 'zod';
import { KnowledgeBaseId, KnowledgeDocumentId } from './ids';
import { KnowledgeDocumentPath } from './knowledge-base';

/**
 * A knowledge passage an answer used: the document's path and the passage, kept with the answer
 * so a reader sees where it came from and opens the document from it.
 */
export const Citation = z.strictObject({
  knowledgeBaseId: KnowledgeBaseId,
  documentId: KnowledgeDocumentId,
  path: KnowledgeDocumentPath,
  snippet: z.string().max(2_000),
});
export type Citation = z.infer<typeof Citation>;

/** Citations one answer keeps at most. */
export const maxCitations = 20;

/**
 * The passages an answer cites, in the order it first names them: those whose path it writes in
 * square brackets (`[teams/platform/guide.md]`), as the prompt asks it to. One per document, the
 * first passage offered for it.
 */
export function citedPassages<P extends { readonly path: string; readonly documentId: string }>(answer: string, offered: readonly P[]): P[] {
  const found: { at: number; passage: P }[] = [];
  const seen = new Set<string>();
  for (const passage of offered) {
    if (seen.has(passage.documentId)) continue;
    const at = answer.indexOf(`[${passage.path}]`);
    if (at === -1) continue;
    seen.add(passage.documentId);
    found.push({ at, passage });
  }
  return found
    .sort((a, b) => a.at - b.at)
    .slice(0, maxCitations)
    .map((entry) => entry.passage);
}
