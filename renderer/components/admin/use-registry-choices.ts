import { useEffect, useState } from 'react';
import { useApi } from '../../api/api-context';
import type { Choice } from '../restriction-field';

/** The models, agents and knowledge bases this machine's replica holds, by name: what settings may name. */
export interface RegistryChoices {
  readonly models: readonly Choice[];
  readonly agents: readonly Choice[];
  readonly knowledgeBases: readonly Choice[];
  /** Every entry's name by id, so settings read as words, not ids. */
  readonly names: ReadonlyMap<string, string>;
}

const kinds = ['model', 'agent', 'knowledge-base'] as const;

export function useRegistryChoices(): RegistryChoices {
  const api = useApi();
  const [choices, setChoices] = useState<RegistryChoices>({ models: [], agents: [], knowledgeBases: [], names: new Map() });
  useEffect(() => {
    let current = true;
    const load = () =>
      void Promise.all(kinds.map((kind) => api['directory.list']({ kind }))).then((results) => {
        if (!current) return;
        const [models, agents, knowledgeBases] = results.map((result) =>
          (result.ok ? (result.value.items as { id: string; name: string }[]) : [])
            .map((item) => ({ id: item.id, label: item.name }))
            .sort((a, b) => a.label.localeCompare(b.label)),
        ) as [Choice[], Choice[], Choice[]];
        setChoices({ models, agents, knowledgeBases, names: new Map([...models, ...agents, ...knowledgeBases].map((c) => [c.id, c.label])) });
      });
    load();
    const stop = api.on('directory.changed', ({ kinds: changed }) => {
      if (changed.some((kind) => kind === 'model' || kind === 'agent' || kind === 'knowledge-base')) load();
    });
    return () => {
      current = false;
      stop();
    };
  }, [api]);
  return choices;
}
