import { z } from 'zod';
import type { Citation } from '../../shared/domain/citation';
import { citedPassages } from '../../shared/domain/citation';
import { searchKnowledgeToolName } from '../tools/search-knowledge-tool';
import type { PromptPassage } from '../../shared/agents/agent-prompt';

const KnowledgeToolResult = z.object({
  results: z.array(z.object({ knowledgeBaseId: z.string(), documentId: z.string(), path: z.string(), text: z.string() })),
});

/** The passages a knowledge search tool call returned to the model, which its answer may cite. */
export function toolPassages(toolName: string, content: string): PromptPassage[] {
  if (toolName !== searchKnowledgeToolName) return [];
  try {
    const parsed = KnowledgeToolResult.safeParse(JSON.parse(content));
    return parsed.success ? parsed.data.results : [];
  } catch {
    return [];
  }
}

const maxSnippet = 600;

/** The citations kept with an answer: the offered passages it names by path, each with its snippet. */
export function answerCitations(answer: string, offered: readonly PromptPassage[]): Citation[] {
  return citedPassages(answer, offered).map((passage) => ({
    knowledgeBaseId: passage.knowledgeBaseId,
    documentId: passage.documentId,
    path: passage.path,
    snippet: passage.text.length > maxSnippet ? `${passage.text.slice(0, maxSnippet - 1)}…` : passage.text,
  }));
}
