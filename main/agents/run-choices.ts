import type { AgentEntry } from '../../shared/domain/agent-entry';
import type { EffectiveSettings } from '../../shared/policy/settings-inheritance';

/**
 * The agent that answers when none is chosen: the first active agent the project's workgroups
 * configure (primary workgroup first), else the organization's default agent ('Assistant').
 */
export function chooseDefaultAgent(workgroupAgentIds: readonly string[], agents: readonly AgentEntry[]): AgentEntry | undefined {
  const active = agents.filter((agent) => agent.status === 'active');
  for (const id of workgroupAgentIds) {
    const configured = active.find((agent) => agent.id === id);
    if (configured !== undefined) return configured;
  }
  return active.find((agent) => agent.isDefault);
}

/**
 * The model of a run: the one chosen, else the agent's own when the project allows it, else the
 * project's effective default. Null when none applies; whether the chosen one is allowed is
 * checked by the run itself.
 */
export function chooseModelId(chosen: string | undefined, agent: Pick<AgentEntry, 'modelId'>, effective: EffectiveSettings): string | null {
  if (chosen !== undefined) return chosen;
  const allowed = effective.models.value;
  if (agent.modelId !== null && (allowed === null || allowed.includes(agent.modelId))) return agent.modelId;
  return effective.defaultModel.value ?? agent.modelId;
}
