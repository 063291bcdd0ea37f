import { calculatorTool } from './calculator-tool';
import { createCurrentTimeTool } from './current-time-tool';
import { createSearchConversationsTool } from './search-conversations-tool';
import type { SearchConversations } from './search-conversations-tool';
import { createSearchKnowledgeTool } from './search-knowledge-tool';
import type { SearchKnowledge } from './search-knowledge-tool';
import type { Tool } from './tool';

export interface BuiltInToolDependencies {
  readonly searchConversations: SearchConversations;
  readonly searchKnowledge: SearchKnowledge;
  readonly now?: () => Date;
}

/** Every tool the app ships; which of them a run may use is the runtime's decision. */
export function createBuiltInTools(dependencies: BuiltInToolDependencies): Tool[] {
  return [
    createSearchConversationsTool(dependencies.searchConversations),
    createSearchKnowledgeTool(dependencies.searchKnowledge),
    calculatorTool,
    createCurrentTimeTool(dependencies.now),
  ];
}
