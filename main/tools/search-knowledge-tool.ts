import { z } from 'zod';
import { maxSearchResults } from './search-conversations-tool';
import { defineTool } from './tool';
import type { Tool } from './tool';
import { builtInToolName } from '../../shared/domain/built-in-tools';

export const searchKnowledgeToolName = builtInToolName.searchKnowledge;

export interface KnowledgeToolQuery {
  /** Only these knowledge bases, the ones bound to the project, are searched. */
  readonly knowledgeBaseIds: readonly string[];
  readonly text: string;
  readonly limit: number;
  readonly signal: AbortSignal;
}

export interface KnowledgeToolPassage {
  readonly knowledgeBaseId: string;
  readonly documentId: string;
  /** The document's path, such as `teams/platform/deploys.md`; the model cites it. */
  readonly path: string;
  readonly text: string;
}

/** Full-text search over knowledge bases, provided by the app. */
export type SearchKnowledge = (query: KnowledgeToolQuery) => Promise<readonly KnowledgeToolPassage[]>;

export function createSearchKnowledgeTool(search: SearchKnowledge): Tool {
  return defineTool({
    name: searchKnowledgeToolName,
    description: "Searches the knowledge bases bound to this project and returns passages with their document paths. Cite the path when you use a passage.",
    schema: z.object({
      query: z.string().trim().min(1).max(200).describe('Words to search for'),
      limit: z.int().min(1).max(maxSearchResults).optional().describe(`How many passages to return, at most ${maxSearchResults}; 5 when left out`),
    }),
    run: async ({ query, limit }, context) => {
      // A project with no bound knowledge base has nothing to search; no need to ask.
      if (context.knowledgeBaseIds.length === 0) return JSON.stringify({ results: [], note: 'No knowledge base is bound to this project.' });
      const passages = await search({ knowledgeBaseIds: context.knowledgeBaseIds, text: query, limit: limit ?? 5, signal: context.signal });
      // Each result carries what a citation needs, so the answer can show where it came from.
      return JSON.stringify({
        results: passages.map((passage) => ({ path: passage.path, text: passage.text, knowledgeBaseId: passage.knowledgeBaseId, documentId: passage.documentId })),
      });
    },
  });
}
