/**
 * The tools every Quorum app provides to its agents, by the names models call them. Declared here
 * so the app's forms offer exactly the tools the app runs; agents may name more, which an app
 * that lacks them refuses like any tool outside the allowlist.
 */
export const builtInToolName = {
  calculator: 'calculator',
  currentTime: 'current_time',
  searchConversations: 'search_conversations',
  searchKnowledge: 'search_knowledge',
} as const;

export const builtInToolNames: readonly string[] = Object.values(builtInToolName);
