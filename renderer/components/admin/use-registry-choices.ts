import { useMemo } from 'react';
import { useReplicaList } from '../../api/use-directory-query';
import type { Choice } from '../restriction-field';

/** The models, agents and knowledge bases this machine's replica holds, by name: what settings may name. */
export interface RegistryChoices {
  readonly models: readonly Choice[];
  readonly agents: readonly Choice[];
  readonly knowledgeBases: readonly Choice[];
  /** Every entry's name by id, so settings read as words, not ids. */
  readonly names: ReadonlyMap<string, string>;
}

const choicesOf = (entries: readonly { readonly id: string; readonly name: string }[] | null): Choice[] =>
  (entries ?? []).map((entry) => ({ id: entry.id, label: entry.name })).sort((a, b) => a.label.localeCompare(b.label));

export function useRegistryChoices(): RegistryChoices {
  const models = useReplicaList('model').data;
  const agents = useReplicaList('agent').data;
  const knowledgeBases = useReplicaList('knowledge-base').data;
  return useMemo(() => {
    const choices = { models: choicesOf(models), agents: choicesOf(agents), knowledgeBases: choicesOf(knowledgeBases) };
    return { ...choices, names: new Map([...choices.models, ...choices.agents, ...choices.knowledgeBases].map((c) => [c.id, c.label])) };
  }, [models, agents, knowledgeBases]);
}
