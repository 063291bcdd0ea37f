import type { AgentEntry } from '../domain/agent-entry';
import { isModelAllowed, isToolAllowed } from '../policy/settings-inheritance';
import type { EffectiveSettings } from '../policy/settings-inheritance';

/*
 * The rules of one agent turn, read by every place that starts or offers one: the composer (what it
 * preselects and shows), the desktop runner and the server's worker (what they run and refuse). One
 * rule each, so what the picker shows is what runs wherever it runs.
 */

/**
 * The agent that answers when none is chosen: the first active agent the project's workgroups
 * configure (primary workgroup first), else the organization's default agent.
 */
export function chooseDefaultAgent<A extends Pick<AgentEntry, 'id' | 'status' | 'isDefault'>>(workgroupAgentIds: readonly string[], agents: readonly A[]): A | undefined {
  const active = agents.filter((agent) => agent.status === 'active');
  for (const id of workgroupAgentIds) {
    const configured = active.find((agent) => agent.id === id);
    if (configured !== undefined) return configured;
  }
  return active.find((agent) => agent.isDefault);
}

export interface ModelChoice {
  /** The model the person picked, if any. */
  readonly chosen: string | null | undefined;
  /** The agent's own model, if it names one. */
  readonly agentModelId: string | null | undefined;
  /** The project's effective settings; null before they are first read (the composer offline). */
  readonly effective: EffectiveSettings | null;
  /**
   * The models the chooser can offer (the composer's list of allowed, readable models); null where
   * the chooser does not know them (a runner), so a choice is taken as given and checked when run.
   */
  readonly available: readonly string[] | null;
}

/**
 * The model of a turn: the one chosen; else the agent's own when the project allows it; else the
 * project's effective default; else the first model on offer. Each candidate counts only if it is
 * on offer, so a choice the project no longer allows falls through to the next. Null when none
 * applies. Whether a model given to a runner is allowed is `modelRefusal`'s question.
 */
export function chooseModelId(choice: ModelChoice): string | null {
  const offered = (id: string | null | undefined): id is string => id != null && (choice.available === null || choice.available.includes(id));
  const { effective, agentModelId } = choice;
  const agentModel = agentModelId != null && (effective === null || isModelAllowed(effective, agentModelId)) ? agentModelId : null;
  for (const candidate of [choice.chosen, agentModel, effective?.defaultModel.value]) {
    if (offered(candidate)) return candidate;
  }
  return choice.available?.[0] ?? null;
}

/** Why the model may not answer in this project (the model lock), or null when it may. */
export function modelRefusal(effective: EffectiveSettings, model: { readonly id: string; readonly name: string }): string | null {
  if (isModelAllowed(effective, model.id)) return null;
  const allowed = effective.models.value ?? [];
  return `The model ${model.name} is not allowed in this project${allowed.length === 0 ? '; no model is allowed' : ''}. Choose one of the project's allowed models.`;
}

/**
 * The tools a turn offers the model, by name, among those the runner can provide: the agent's own
 * list, or, for an agent that lists none (the organization's default agent), every tool the runner
 * has; either way only those the project's effective allowlist permits.
 */
export function offeredToolNames(agentTools: readonly string[], provided: readonly string[], effective: EffectiveSettings): readonly string[] {
  const wanted = agentTools.length === 0 ? provided : provided.filter((name) => agentTools.includes(name));
  return wanted.filter((name) => isToolAllowed(effective, name));
}

/** The agent's declared tools the project's allowlist blocks, to show why they are missing. */
export function blockedToolNames(agentTools: readonly string[], effective: EffectiveSettings): readonly string[] {
  return agentTools.filter((name) => !isToolAllowed(effective, name));
}

/** Why a call of this tool is refused in this turn, or null when it may run. */
export function toolCallRefusal(name: string, offered: readonly string[], effective: EffectiveSettings): string | null {
  if (!isToolAllowed(effective, name)) return `The tool "${name}" is not allowed in this project.`;
  if (!offered.includes(name)) return `There is no tool named "${name}".`;
  return null;
}
