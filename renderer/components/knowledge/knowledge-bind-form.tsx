import { useState } from 'react';
import type { KnowledgeBase } from '../../../shared/domain/knowledge-base';
import { useApi } from '../../api/api-context';
import { callEndpoint, queuedNotice } from '../../api/call-endpoint';
import { useAppStore } from '../../store/store-context';

/** Binds a base to a project, so the project's agents search it. */
export function KnowledgeBindForm({ base, onNotice }: { readonly base: KnowledgeBase; readonly onNotice: (notice: string) => void }) {
  const api = useApi();
  const projects = useAppStore((s) => s.projects);
  const [bindTo, setBindTo] = useState('');

  const bind = async () => {
    const current = await callEndpoint(api, { endpoint: 'project.config.read', params: { id: bindTo } });
    if (current.kind !== 'applied') return onNotice(current.kind === 'failed' ? current.message : queuedNotice);
    const config = current.value.config;
    if (config.knowledgeBaseIds.includes(base.id)) return onNotice('Already bound to that project.');
    const outcome = await callEndpoint(api, {
      endpoint: 'project.config.update',
      params: { id: bindTo },
      body: { ...config, knowledgeBaseIds: [...config.knowledgeBaseIds, base.id] },
    });
    onNotice(outcome.kind === 'applied' ? `Bound to ${projects.find((p) => p.id === bindTo)?.name ?? 'the project'}.` : outcome.kind === 'failed' ? outcome.message : queuedNotice);
  };

  return (
    <form
      className="form-row"
      aria-label="Bind to a project"
      onSubmit={(event) => {
        event.preventDefault();
        void bind();
      }}
    >
      <label className="field">
        Bind to project
        <select value={bindTo} onChange={(e) => setBindTo(e.target.value)}>
          <option value="">Choose a project</option>
          {projects.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" disabled={bindTo === ''}>
        Bind
      </button>
    </form>
  );
}
