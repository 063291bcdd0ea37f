import { useEffect, useMemo } from 'react';
import type { ProjectConfigView, SettingSourceView } from '../../shared/rest/project-config-view';
import { documentName } from '../../shared/sync/document-name';
import type { ReplicatedKind } from '../../shared/rest/change-endpoints';
import { useApi } from '../api/api-context';
import { callEndpoint } from '../api/call-endpoint';
import { useDirectoryQuery, useReplicaList } from '../api/use-directory-query';
import { lastReadConfig } from '../lib/config-cache';
import { denialInProject } from '../lib/project-permission';
import { useAppStore } from '../store/store-context';
import { SettingsEditor } from './settings-editor';
import { settingsNotInEffect } from '../lib/settings-not-in-effect';

/** Names of the entries of one kind the replica holds, by id. */
function useNames(kind: Extract<ReplicatedKind, 'model' | 'knowledge-base'>): ReadonlyMap<string, string> {
  const entries = useReplicaList(kind).data;
  return useMemo(() => new Map((entries ?? []).map((entry) => [entry.id, entry.name])), [entries]);
}

/** The project's effective settings, each marked with where its value comes from. */
export function SettingsPanel({ projectId }: { readonly projectId: string }) {
  const api = useApi();
  const updateDenial = useAppStore((s) => denialInProject(s.session, s.roles, projectId, 'project.config.update'));
  const settings = useDirectoryQuery<{ readonly view: ProjectConfigView; readonly notice: string | null }>({
    key: projectId,
    // Workgroup placement and settings shape what is in effect here.
    kinds: ['project', 'workgroup'],
    load: async (api) => {
      const outcome = await callEndpoint(api, { endpoint: 'project.config.read', params: { id: projectId } });
      if (outcome.kind === 'applied') {
        lastReadConfig.set(projectId, outcome.value);
        return { kind: 'applied', value: { view: outcome.value, notice: null } };
      }
      // Offline, the settings last read stay on screen (and editable: a change waits in the outbox).
      const cached = lastReadConfig.get(projectId);
      if (outcome.kind === 'failed' && outcome.code === 'offline' && cached !== undefined) {
        return { kind: 'applied', value: { view: cached, notice: 'Offline: these are the settings as last read from the server.' } };
      }
      return outcome;
    },
  });
  const { reload } = settings;
  // Names from the local replica: entries the caller cannot see keep showing their id.
  const modelNames = useNames('model');
  const knowledgeNames = useNames('knowledge-base');

  useEffect(() => {
    // Someone else's change arrives as an update to the project document: read the settings again.
    const projectDoc = documentName('project', projectId);
    return api.on('documents.updated', ({ name }) => {
      if (name === projectDoc) void reload();
    });
  }, [api, projectId, reload]);
  const view = settings.data?.view ?? null;
  const notice = settings.data?.notice ?? null;

  const from = (source: SettingSourceView) => {
    switch (source.kind) {
      case 'project':
        return 'Set in this project';
      case 'workgroup':
        return `Inherited from workgroup ${view?.workgroups.find((w) => w.id === source.workgroupId)?.name ?? 'you cannot see'}`;
      case 'agent':
        return 'From the agent';
      case 'default':
        return 'Not set anywhere: the default';
    }
  };
  const list = (value: readonly string[] | null, none: string, name = (x: string) => x) =>
    value === null ? none : value.length === 0 ? 'Nothing allowed' : value.map(name).join(', ');
  const modelName = (id: string) => modelNames.get(id) ?? 'a model you cannot see';

  const saved = (next: ProjectConfigView | null) => {
    if (next === null) return void reload();
    lastReadConfig.set(projectId, next);
    settings.set({ view: next, notice: null });
  };

  if (settings.error !== null && view === null) return <p className="error">{settings.error}</p>;
  if (view === null) return <p className="muted panel">Loading settings…</p>;
  const { effective } = view;
  const inactive = settingsNotInEffect(view, {
    model: modelName,
    workgroup: (id) => view.workgroups.find((w) => w.id === id)?.name ?? 'you cannot see',
  });
  const rows: { label: string; value: string; sources: readonly SettingSourceView[] }[] = [
    { label: 'Models allowed', value: list(effective.models.value, 'Any model', modelName), sources: effective.models.sources },
    { label: 'Tools allowed', value: list(effective.tools.value, 'Any tool'), sources: effective.tools.sources },
    { label: 'System prompt', value: effective.systemPrompt.value ?? 'None', sources: [effective.systemPrompt.source] },
    { label: 'Default model', value: effective.defaultModel.value === null ? 'None' : modelName(effective.defaultModel.value), sources: [effective.defaultModel.source] },
    {
      label: 'Knowledge bases',
      value: effective.knowledgeBases.length === 0 ? 'None' : effective.knowledgeBases.map((k) => knowledgeNames.get(k.value) ?? 'a knowledge base you cannot see').join(', '),
      sources: effective.knowledgeBases.flatMap((k) => k.sources),
    },
  ];
  return (
    <section className="panel" aria-label="Project settings">
      <h2 className="section-title">In effect</h2>
      {notice !== null && <p className="reason">{notice}</p>}
      {updateDenial !== null && <p className="reason">Read only: {updateDenial}</p>}
      {inactive.length > 0 && (
        <ul className="not-in-effect" aria-label="Saved but not in effect">
          {inactive.map((note) => (
            <li key={note} className="reason">
              {note}
            </li>
          ))}
        </ul>
      )}
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
      {updateDenial === null && <SettingsEditor projectId={projectId} config={view.config} onSaved={saved} />}
    </section>
  );
}
