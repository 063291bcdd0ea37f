import { useEndpoint } from '../../api/use-directory-query';
import { useAppStore } from '../../store/store-context';
import { AgentTable } from './agent-table';

/** The agents a project can use: shared ones whose scope covers it, and the forks living in it. */
export function ProjectAgentsPanel({ projectId }: { readonly projectId: string }) {
  const setMainView = useAppStore((s) => s.setMainView);
  // Which agents cover a project follows the agents and the project's workgroups.
  const listed = useEndpoint({ endpoint: 'agent.list', query: { projectId } }, { kinds: ['agent', 'project', 'workgroup'] });
  const agents = listed.data?.items ?? null;
  const { error } = listed;

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
