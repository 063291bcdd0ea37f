import { useEffect, useState } from 'react';
import type { ProjectConfigView, SettingSourceView } from '../../shared/rest/project-config-view';
import { useApi } from '../api/api-context';
import { denialInProject } from '../lib/project-permission';
import { useAppStore } from '../store/store-context';

/** The project's effective settings, each marked with where its value comes from. */
export function SettingsPanel({ projectId }: { readonly projectId: string }) {
  const api = useApi();
  const updateDenial = useAppStore((s) => denialInProject(s.session, s.roles, projectId, 'project.config.update'));
  const [view, setView] = useState<ProjectConfigView | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    void api['directory.request']({ endpoint: 'project.config.read', params: { id: projectId } }).then((result) => {
      if (!current) return;
      if (!result.ok) setError(result.error.message);
      else if (result.value.status === 'applied') setView(result.value.response as ProjectConfigView);
    });
    return () => {
      current = false;
    };
  }, [api, projectId]);

  const from = (source: SettingSourceView) => {
    switch (source.kind) {
      case 'project':
        return 'Set in this project';
      case 'workgroup':
        return `Inherited from workgroup ${view?.workgroups.find((w) => w.id === source.workgroupId)?.name ?? source.workgroupId}`;
      case 'agent':
        return 'From the agent';
      case 'default':
        return 'Not set anywhere: the default';
    }
  };
  const list = (value: readonly string[] | null, none: string) => (value === null ? none : value.length === 0 ? 'Nothing allowed' : value.join(', '));

  if (error !== null) return <p className="error">{error}</p>;
  if (view === null) return <p className="muted panel">Loading settings…</p>;
  const { effective } = view;
  const rows: { label: string; value: string; sources: readonly SettingSourceView[] }[] = [
    { label: 'Models allowed', value: list(effective.models.value, 'Any model'), sources: effective.models.sources },
    { label: 'Tools allowed', value: list(effective.tools.value, 'Any tool'), sources: effective.tools.sources },
    { label: 'System prompt', value: effective.systemPrompt.value ?? 'None', sources: [effective.systemPrompt.source] },
    { label: 'Default model', value: effective.defaultModel.value ?? 'None', sources: [effective.defaultModel.source] },
    {
      label: 'Knowledge bases',
      value: effective.knowledgeBases.length === 0 ? 'None' : effective.knowledgeBases.map((k) => k.value).join(', '),
      sources: effective.knowledgeBases.flatMap((k) => k.sources),
    },
  ];
  return (
    <section className="panel" aria-label="Project settings">
      {updateDenial !== null && <p className="reason">{updateDenial}</p>}
      <dl className="settings-list">
        {rows.map((row) => (
          <div key={row.label} className="setting">
            <dt>{row.label}</dt>
            <dd>
              <span className="setting-value">{row.value}</span>
              <span className="provenance">{row.sources.length === 0 ? 'Not set anywhere: the default' : [...new Set(row.sources.map(from))].join(' · ')}</span>
            </dd>
          </div>
        ))}
      </dl>
      {view.workgroups.length > 0 && (
        <p className="muted">
          Inherits from {view.workgroups.map((w) => `${w.name} (${w.placement})`).join(', ')}.
        </p>
      )}
    </section>
  );
}
