import { useCallback, useEffect, useState } from 'react';
import type { AgentRegistryItem } from '../../../shared/rest/agent-registry-endpoints';
import { useApi } from '../../api/api-context';
import { restCall } from '../../lib/rest-call';
import { useAppStore } from '../../store/store-context';
import { AgentTable } from './agent-table';

/** The agents a project can use: shared ones whose scope covers it, and the forks living in it. */
export function ProjectAgentsPanel({ projectId }: { readonly projectId: string }) {
  const api = useApi();
  const setMainView = useAppStore((s) => s.setMainView);
  const [agents, setAgents] = useState<AgentRegistryItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    const outcome = await restCall<{ items: AgentRegistryItem[] }>(api, 'agent.list', { query: { projectId } });
    if (outcome.kind === 'applied') setAgents(outcome.value.items);
    else setError(outcome.kind === 'failed' ? outcome.message : 'Listing agents needs the server.');
  }, [api, projectId]);
  useEffect(() => {
    void load();
  }, [load]);

  const forks = agents?.filter((a) => a.projectId === projectId) ?? [];
  const shared = agents?.filter((a) => a.projectId !== projectId) ?? [];
  return (
    <section className="panel" aria-label="Project agents">
      {error !== null && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {agents === null ? (
        error === null && <p className="muted">Loading agents…</p>
      ) : (
        <>
          <h2 className="section-heading">Forked into this project</h2>
          {forks.length === 0 ? (
            <p className="muted">
              None yet. Fork one from the{' '}
              <button className="link" onClick={() => setMainView('agents')}>
                agent registry
              </button>
              .
            </p>
          ) : (
            <AgentTable agents={forks} label="Project forks" onOpen={() => setMainView('agents')} />
          )}
          <h2 className="section-heading">Shared with this project</h2>
          {shared.length === 0 ? <p className="muted">No shared agent covers this project.</p> : <AgentTable agents={shared} label="Shared agents" onOpen={() => setMainView('agents')} />}
        </>
      )}
    </section>
  );
}
