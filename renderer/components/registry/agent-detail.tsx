import { useState } from 'react';
import type { AgentRegistryItem } from '../../../shared/rest/agent-registry-endpoints';
import { describeParameters } from '../../../shared/domain/model-parameters';
import { DetailPlaceholder } from './detail-placeholder';
import { useApi } from '../../api/api-context';
import { useDirectoryQuery, useReplicaList } from '../../api/use-directory-query';
import { registryDenial } from '../../lib/registry-permission';
import { callEndpoint, queuedNotice } from '../../api/call-endpoint';
import { useAppStore } from '../../store/store-context';
import { AgentEditForm } from './agent-edit-form';
import { AgentStatsCharts } from './agent-stats-charts';
import { DeleteEntry } from './delete-entry';
import { useViewer } from './use-viewer';
import { VisibilityEditor } from './visibility-editor';
import { useVisibilityText } from './visibility-fields';
import { DetailHeader } from './detail-header';

/** One agent: its prompt, tools and examples; fork into a project, retire, visibility and usage. */
export function AgentDetail({ agentId, onBack, onOpen }: { readonly agentId: string; readonly onBack: () => void; readonly onOpen: (id: string) => void }) {
  const api = useApi();
  const viewer = useViewer();
  const visibilityText = useVisibilityText();
  const projects = useAppStore((s) => s.projects);
  const [notice, setNotice] = useState<string | null>(null);
  const [forkProject, setForkProject] = useState('');
  const [forkName, setForkName] = useState('');
  const [editing, setEditing] = useState(false);
  const models = useReplicaList('model').data ?? [];

  const read = useDirectoryQuery<{ readonly agent: AgentRegistryItem; readonly original: AgentRegistryItem | null }>({
    key: agentId,
    kinds: ['agent'],
    load: async (api) => {
      const outcome = await callEndpoint(api, { endpoint: 'agent.get', params: { id: agentId } });
      if (outcome.kind !== 'applied') return outcome;
      const from = outcome.value.forkedFrom;
      const parent = from === null || !('agentId' in from) ? null : await callEndpoint(api, { endpoint: 'agent.get', params: { id: from.agentId } });
      return { kind: 'applied', value: { agent: outcome.value, original: parent?.kind === 'applied' ? parent.value : null } };
    },
  });
  const load = read.reload;

  if (read.error !== null || read.data === null) return <DetailPlaceholder back="All agents" onBack={onBack} error={read.error} />;
  const { agent, original } = read.data;

  const known = { agents: [agent] };
  const forkDenial =
    registryDenial(viewer, 'agent.fork', { params: { id: agent.id } }, known) ??
    (forkProject === '' ? null : registryDenial(viewer, 'agent.fork', { params: { id: agent.id }, body: { projectId: forkProject } }, known));
  const retireDenial = agent.status === 'retired' ? 'Already retired' : registryDenial(viewer, 'agent.retire', { params: { id: agent.id } }, known);
  const projectName = agent.projectId === null ? null : (projects.find((p) => p.id === agent.projectId)?.name ?? 'a project');
  const editDenial = registryDenial(viewer, 'agent.update', { params: { id: agent.id } }, known);
  const deleteDenial = registryDenial(viewer, 'agent.delete', { params: { id: agent.id } }, known);
  const modelName = agent.modelId === null ? null : (models.find((m) => m.id === agent.modelId)?.name ?? 'A model not visible to you');

  const remove = async () => {
    const outcome = await callEndpoint(api, { endpoint: 'agent.delete', params: { id: agent.id } });
    if (outcome.kind === 'failed') return outcome.message;
    onBack();
    return null;
  };

  const fork = async () => {
    const body = forkName.trim() === '' ? { projectId: forkProject } : { projectId: forkProject, name: forkName.trim() };
    const outcome = await callEndpoint(api, { endpoint: 'agent.fork', params: { id: agent.id }, body });
    if (outcome.kind === 'failed') return setNotice(outcome.message);
    if (outcome.kind === 'queued') return setNotice(queuedNotice);
    setNotice(`Forked into ${projects.find((p) => p.id === forkProject)?.name ?? 'the project'}.`);
    setForkName('');
  };
  const retire = async () => {
    const outcome = await callEndpoint(api, { endpoint: 'agent.retire', params: { id: agent.id } });
    if (outcome.kind === 'failed') return setNotice(outcome.message);
    setNotice(outcome.kind === 'queued' ? queuedNotice : null);
    await load();
  };

  return (
    <>
      <DetailHeader back="All agents" onBack={onBack} title={agent.name} description={agent.description}>
        {agent.isDefault && <span className="badge">Default</span>}
        {agent.status === 'retired' && <span className="badge badge-error">Retired</span>}
        {agent.updateAvailable && <span className="badge badge-live">Update available</span>}
        <button onClick={() => setEditing(true)} disabled={editing || editDenial !== null} title={editDenial ?? undefined}>
          Edit agent
        </button>
      </DetailHeader>
      <div className="panel detail">
        {editDenial !== null && <p className="reason">{editDenial}</p>}
        {editing && (
          <AgentEditForm
            agent={agent}
            denial={editDenial}
            onCancel={() => setEditing(false)}
            onDone={() => {
              setEditing(false);
              void load();
            }}
          />
        )}
        <dl className="facts">
          <div>
            <dt>Model</dt>
            <dd>{modelName ?? 'The project’s default model'}</dd>
          </div>
          <div>
            <dt>Parameters</dt>
            <dd>{describeParameters(agent.parameters) ?? 'The model’s'}</dd>
          </div>
          <div>
            <dt>Version</dt>
            <dd>{agent.version}</dd>
          </div>
          <div>
            <dt>Visibility</dt>
            <dd>{visibilityText(agent.visibility)}</dd>
          </div>
          <div>
            <dt>Lives in</dt>
            <dd>{projectName === null ? 'The organization registry' : `Project ${projectName}`}</dd>
          </div>
          {agent.forkedFrom !== null && (
            <div>
              <dt>Forked from</dt>
              <dd>
                {'label' in agent.forkedFrom ? (
                  `${agent.forkedFrom.label.charAt(0).toUpperCase()}${agent.forkedFrom.label.slice(1)}, which you cannot see`
                ) : original === null ? (
                  `An agent no longer visible to you, version ${agent.forkedFrom.version}`
                ) : (
                  <>
                    <button className="link" onClick={() => onOpen(original.id)}>
                      {original.name}
                    </button>{' '}
                    version {agent.forkedFrom.version}
                  </>
                )}
                {agent.updateAvailable && agent.originalVersion !== null && ` — the original is now at version ${String(agent.originalVersion)}`}
              </dd>
            </div>
          )}
        </dl>
        {notice !== null && (
          <p className="notice" role="status">
            {notice}
          </p>
        )}

        <section className="detail-section" aria-label="Definition">
          <h2>System prompt</h2>
          <pre className="prompt">{agent.systemPrompt}</pre>
          <h2>Tools</h2>
          {agent.tools.length === 0 ? (
            <p className="muted">No tools: this agent only answers.</p>
          ) : (
            <ul className="tag-list" aria-label="Tools">
              {agent.tools.map((t) => (
                <li key={t} className="badge mono">
                  {t}
                </li>
              ))}
            </ul>
          )}
          <h2>Examples</h2>
          {agent.examples.length === 0 ? (
            <p className="muted">No example interactions.</p>
          ) : (
            <ol className="examples">
              {agent.examples.map((ex, i) => (
                <li key={i}>
                  <div>
                    <span className="muted">Asked:</span> {ex.input}
                  </div>
                  <div>
                    <span className="muted">Answered:</span> {ex.output}
                  </div>
                </li>
              ))}
            </ol>
          )}
        </section>

        <section className="detail-section" aria-label="Fork into a project">
          <h2>Fork into a project</h2>
          <p className="muted small-text">A copy the project can change; it keeps a link here and says when this agent has moved on.</p>
          <div className="inline-form">
            <label className="field">
              <span>Project</span>
              <select aria-label="Fork into project" value={forkProject} onChange={(e) => setForkProject(e.target.value)}>
                <option value="">Choose…</option>
                {projects.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span>Name of the copy (optional)</span>
              <input value={forkName} onChange={(e) => setForkName(e.target.value)} placeholder={agent.name} />
            </label>
            <button className="primary" disabled={forkProject === '' || forkDenial !== null} title={forkDenial ?? undefined} onClick={() => void fork()}>
              Fork
            </button>
          </div>
          {forkDenial !== null && <p className="reason">{forkDenial}</p>}
        </section>

        <section className="detail-section" aria-label="Usage">
          <h2>Usage</h2>
          <AgentStatsCharts agentId={agent.id} />
        </section>

        <VisibilityEditor key={JSON.stringify(agent.visibility)} kind="agent" entry={agent} onChanged={() => void load()} />

        <section className="detail-section" aria-label="Retire">
          <h2>Retire</h2>
          <p className="muted small-text">A retired agent stays for history but can no longer run or be forked.</p>
          <button className="danger" disabled={retireDenial !== null} title={retireDenial ?? undefined} onClick={() => void retire()}>
            Retire agent
          </button>
          {retireDenial !== null && agent.status !== 'retired' && <p className="reason">{retireDenial}</p>}
        </section>
        <DeleteEntry
          what="agent"
          name={agent.name}
          consequence="The agent and its recorded runs go, for everyone; the answers it gave stay in their conversations. Retire it instead to keep its history."
          denial={deleteDenial}
          onDelete={remove}
        />
      </div>
    </>
  );
}
