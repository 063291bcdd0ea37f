import type { KnowledgePassage } from '../../shared/rest/knowledge-endpoints';
import type { PromptPassage } from '../../shared/agents/agent-prompt';

/** A search hit as the prompt and the answer's citations take it. */
export const toPromptPassage = (hit: KnowledgePassage): PromptPassage => ({ knowledgeBaseId: hit.knowledgeBaseId, documentId: hit.documentId, path: hit.path, text: hit.passage });

/** Passages put into one prompt at most, so knowledge cannot crowd out the conversation. */
export const maxPromptPassages = 5;
/** The search takes at most this many characters of the question. */
const maxQueryLength = 200;

/**
 * Passages for a question. The server's search wants every word to match, which a question
 * phrased in full rarely does; so when the whole question finds nothing, its longest words are
 * searched one by one and the passages merged, each document once.
 */
export async function retrievePassages(question: string, search: (query: string) => Promise<readonly PromptPassage[]>): Promise<PromptPassage[]> {
  const whole = await search(question.slice(0, maxQueryLength));
  if (whole.length > 0) return whole.slice(0, maxPromptPassages);
  const words = [...new Set(question.toLowerCase().match(/[\p{L}\p{N}]{4,}/gu) ?? [])].sort((a, b) => b.length - a.length).slice(0, 3);
  const found = new Map<string, PromptPassage>();
  for (const word of words) {
    for (const passage of await search(word)) {
      if (!found.has(passage.path)) found.set(passage.path, passage);
    }
  }
  return [...found.values()].slice(0, maxPromptPassages);
}
