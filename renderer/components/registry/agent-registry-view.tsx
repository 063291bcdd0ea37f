import { useState } from 'react';
import type { AgentStatus } from '../../../shared/domain/agent-entry';
import type { VisibilityLevel } from '../../../shared/domain/visibility';
import { visibilityLevels } from '../../../shared/domain/visibility';
import { asOptions, FilterSelect } from './filter-select';
import { useEndpoint } from '../../api/use-directory-query';
import { useAppStore } from '../../store/store-context';
import { registryDenial } from '../../lib/registry-permission';
import { AgentDetail } from './agent-detail';
import { AgentRegisterForm } from './agent-register-form';
import { AgentTable } from './agent-table';
import { useViewer } from './use-viewer';

/** The agent registry: browse what the caller may see, by status, visibility or the project it serves. */
export function AgentRegistryView() {
  const projects = useAppStore((s) => s.projects);
  const [status, setStatus] = useState<AgentStatus | ''>('');
  const [level, setLevel] = useState<VisibilityLevel | ''>('');
  const [projectId, setProjectId] = useState('');
  const target = useAppStore((s) => s.registryTarget);
  // The command palette opens an entry's page; the view is mounted afresh for each target.
  const [selected, setSelected] = useState<string | null>(target?.kind === 'agent' ? target.id : null);
  const [registering, setRegistering] = useState(false);
  const viewer = useViewer();

  const query = { ...(status === '' ? {} : { status }), ...(level === '' ? {} : { visibility: level }), ...(projectId === '' ? {} : { projectId }) };
  const listed = useEndpoint({ endpoint: 'agent.list', query }, { kinds: ['agent'] });
  const agents = listed.data?.items ?? null;
  const { error, reload: load } = listed;

  if (selected !== null) {
    return (
      <main className="content" aria-label="Agent registry">
        <AgentDetail
          key={selected}
          agentId={selected}
          onOpen={setSelected}
          onBack={() => {
            setSelected(null);
            void load();
          }}
        />
      </main>
    );
  }

  const registerDenial = registryDenial(viewer, 'agent.create', { body: { visibility: { level: 'private' }, projectId: null } });
  return (
    <main className="content" aria-label="Agent registry">
      <header className="project-head">
        <div>
          <h1>Agent registry</h1>
          <p className="muted">Agents the organization shares, and the copies projects forked from them.</p>
        </div>
        <button className="primary" onClick={() => setRegistering(true)} disabled={registering || registerDenial !== null} title={registerDenial ?? undefined}>
          Register agent
        </button>
      </header>
      <div className="panel">
        {registerDenial !== null && <p className="reason">{registerDenial}</p>}
        {registering && (
          <AgentRegisterForm
            onCancel={() => setRegistering(false)}
            onDone={(agent) => {
              setRegistering(false);
              void load();
              if (agent !== null) setSelected(agent.id);
            }}
          />
        )}
        <div className="filters" role="group" aria-label="Filters">
          <FilterSelect
            label="Status"
            name="status"
            value={status}
            options={[
              { value: 'active', label: 'Active' },
              { value: 'retired', label: 'Retired' },
            ]}
            onChange={setStatus}
          />
          <FilterSelect label="Visibility" name="visibility" value={level} options={asOptions(visibilityLevels)} onChange={setLevel} />
          <FilterSelect
            label="Usable in"
            name="project"
            value={projectId}
            options={projects.map((p) => ({ value: p.id, label: p.name }))}
            onChange={setProjectId}
            any="Any project"
          />
        </div>
        {error !== null && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        {agents === null ? (
          error === null && <p className="muted">Loading…</p>
        ) : agents.length === 0 ? (
          <p className="muted">No agent matches.</p>
        ) : (
          <AgentTable agents={agents} label="Agents" onOpen={setSelected} />
        )}
      </div>
    </main>
  );
}
