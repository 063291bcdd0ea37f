import type { EffectiveSystemPrompt } from '../policy/settings-inheritance';
import type { ChatMessage } from '../providers/chat-types';

/** A knowledge-base passage retrieved for a run, with the path the answer cites it by and the document it opens. */
export interface PromptPassage {
  readonly knowledgeBaseId: string;
  readonly documentId: string;
  readonly path: string;
  readonly text: string;
}

export interface PromptParts {
  /** The agent's own system prompt from its registry entry. */
  readonly agentPrompt: string;
  /**
   * The effective override from the project's settings: the project's own system prompt when it
   * sets one, else its primary workgroup's, else a shared workgroup's (`settings-inheritance.ts`).
   */
  readonly override: Pick<EffectiveSystemPrompt, 'value' | 'source'>;
  readonly passages: readonly PromptPassage[];
  /** The conversation so far, oldest first. */
  readonly conversation: readonly ChatMessage[];
}

function overrideLabel(source: PromptParts['override']['source']): string {
  return source.kind === 'project' ? 'project' : 'workgroup';
}

/** How a passage appears in the prompt: its path in brackets, as the answer should cite it. */
export function citePassage(passage: PromptPassage): string {
  return `[${passage.path}]\n${passage.text.trim()}`;
}

/**
 * The prompt of one agent run, in this precedence:
 * 1. the agent's system prompt;
 * 2. the effective override from the project's settings (project over workgroup). It comes after
 *    the agent's prompt and says that it wins where the two disagree: the people running the
 *    project decide how agents behave in it, the agent's author does not;
 * 3. the retrieved knowledge passages, each under its path, with the instruction to cite it;
 * 4. the conversation, people as `user` and agents as `assistant`.
 * 1 to 3 form one system message, so every OpenAI-compatible server accepts it.
 */
export function buildAgentPrompt(parts: PromptParts): ChatMessage[] {
  const sections: string[] = [];
  if (parts.agentPrompt.trim() !== '') sections.push(parts.agentPrompt.trim());
  const override = parts.override.value?.trim() ?? '';
  if (override !== '' && parts.override.source.kind !== 'agent' && parts.override.source.kind !== 'default') {
    sections.push(`Instructions from this ${overrideLabel(parts.override.source)}; where they differ from the instructions above, follow these:\n${override}`);
  }
  if (parts.passages.length > 0) {
    sections.push(
      [
        'Passages from the knowledge bases of this project. When you use one, cite its path in square brackets, such as [teams/platform/guide.md].',
        ...parts.passages.map(citePassage),
      ].join('\n\n'),
    );
  }
  const system: ChatMessage[] = sections.length === 0 ? [] : [{ role: 'system', content: sections.join('\n\n') }];
  return [...system, ...parts.conversation];
}
