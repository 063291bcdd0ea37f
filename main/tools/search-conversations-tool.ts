import { z } from 'zod';
import { defineTool } from './tool';
import type { Tool } from './tool';
import { builtInToolName } from '../../shared/domain/built-in-tools';

export const searchConversationsToolName = builtInToolName.searchConversations;

export interface ConversationSearchQuery {
  /** The search never leaves this project. */
  readonly projectId: string;
  readonly text: string;
  readonly limit: number;
  readonly signal: AbortSignal;
}

export interface ConversationSearchHit {
  readonly conversationId: string;
  readonly conversationTitle: string;
  /** Null when the conversation itself (its title) matched rather than one of its messages. */
  readonly messageId: string | null;
  /** The matching text around the match. */
  readonly snippet: string;
}

/** The project-scoped local search, provided by the app; it sees only what the user may read. */
export type SearchConversations = (query: ConversationSearchQuery) => Promise<readonly ConversationSearchHit[]>;

export const maxSearchResults = 20;

export function createSearchConversationsTool(search: SearchConversations): Tool {
  return defineTool({
    name: searchConversationsToolName,
    description: "Searches this project's conversations (titles and messages) and returns matching excerpts.",
    schema: z.object({
      query: z.string().trim().min(1).max(200).describe('Words to search for'),
      limit: z.int().min(1).max(maxSearchResults).optional().describe(`How many results to return, at most ${maxSearchResults}; 5 when left out`),
    }),
    run: async ({ query, limit }, context) => {
      const hits = await search({ projectId: context.projectId, text: query, limit: limit ?? 5, signal: context.signal });
      return JSON.stringify({
        results: hits.map((hit) => ({ conversation: hit.conversationTitle, conversationId: hit.conversationId, messageId: hit.messageId, excerpt: hit.snippet })),
      });
    },
  });
}
