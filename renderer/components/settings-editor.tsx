import { useEffect, useMemo, useState } from 'react';
import { builtInToolNames } from '../../shared/domain/built-in-tools';
import type { ProjectConfig } from '../../shared/domain/project-config';
import type { ProjectConfigView } from '../../shared/rest/project-config-view';
import { useApi } from '../api/api-context';
import { useReplicaList } from '../api/use-directory-query';
import { sortedByName } from '../lib/by-name';
import { RestrictionField, ToolAllowlistField } from './restriction-field';

interface SettingsEditorProps {
  readonly projectId: string;
  readonly config: ProjectConfig;
  readonly onSaved: (view: ProjectConfigView | null) => void;
}

/** An editor's form over the project's own settings; inherited layers are shown above it, not here. */
export function SettingsEditor({ projectId, config, onSaved }: SettingsEditorProps) {
  const api = useApi();
  const modelList = useReplicaList('model').data;
  const agents = useReplicaList('agent').data;
  const models = useMemo(() => sortedByName(modelList ?? []), [modelList]);
  const [lock, setLock] = useState<string[] | null>(config.modelLock);
  const [tools, setTools] = useState<string[] | null>(config.toolAllowlist);
  const [prompt, setPrompt] = useState(config.systemPromptOverride ?? '');
  const [defaultModel, setDefaultModel] = useState<string | null>(config.defaultModelId);
  const [status, setStatus] = useState<{ kind: 'error' | 'note'; text: string } | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    setLock(config.modelLock);
    setTools(config.toolAllowlist);
    setPrompt(config.systemPromptOverride ?? '');
    setDefaultModel(config.defaultModelId);
  }, [config]);

  const toolNames = useMemo(
    () => [...new Set([...builtInToolNames, ...(agents ?? []).flatMap((agent) => agent.tools), ...(config.toolAllowlist ?? [])])].sort(),
    [agents, config.toolAllowlist],
  );
  const modelName = (id: string) => models.find((m) => m.id === id)?.name ?? 'a model you cannot see';
  const modelIds = useMemo(() => [...new Set([...models.map((m) => m.id), ...(config.modelLock ?? [])])], [models, config.modelLock]);
  const defaultChoices = lock ?? modelIds;

  const lockError = lock !== null && lock.length === 0 ? 'Choose at least one model, or turn the lock off.' : null;
  const defaultError = lock !== null && defaultModel !== null && !lock.includes(defaultModel) ? 'The default model must be one of the locked models.' : null;

  const save = async () => {
    setSaving(true);
    setStatus(null);
    const body: ProjectConfig = {
      systemPromptOverride: prompt.trim() === '' ? null : prompt,
      modelLock: lock,
      toolAllowlist: tools,
      knowledgeBaseIds: config.knowledgeBaseIds,
      defaultModelId: defaultModel,
    };
    const result = await api['directory.request']({ endpoint: 'project.config.update', params: { id: projectId }, body });
    setSaving(false);
    if (!result.ok) return setStatus({ kind: 'error', text: result.error.message });
    if (result.value.status === 'queued') {
      setStatus({ kind: 'note', text: 'Saved on this computer: it will be sent when the server is reachable (see Pending changes).' });
      return onSaved(null);
    }
    setStatus({ kind: 'note', text: 'Saved.' });
    onSaved(result.value.response);
  };

  return (
    <form
      className="settings-editor"
      aria-label="Edit project settings"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h2 className="section-title">This project’s own settings</h2>
      <RestrictionField
        legend="Model lock"
        toggle="Only allow chosen models"
        value={lock}
        initial={config.modelLock}
        onChange={setLock}
        choices={modelIds.map((id) => ({ id, label: modelName(id) }))}
        ariaLabel={(label) => `Allow model ${label}`}
        empty="No models are registered yet."
        error={lockError}
      />
      <ToolAllowlistField value={tools} initial={config.toolAllowlist} onChange={setTools} toolNames={toolNames} />
      <label className="editor-field stacked">
        <span>System prompt override</span>
        <textarea value={prompt} onChange={(e) => setPrompt(e.target.value)} rows={3} placeholder="Empty: the workgroup’s or the agent’s prompt applies" />
      </label>
      <label className="editor-field stacked">
        <span>Default model</span>
        <select value={defaultModel ?? ''} onChange={(e) => setDefaultModel(e.target.value === '' ? null : e.target.value)}>
          <option value="">Not set here</option>
          {defaultChoices.map((id) => (
            <option key={id} value={id}>
              {modelName(id)}
            </option>
          ))}
        </select>
        {defaultError !== null && <span className="error">{defaultError}</span>}
      </label>
      <div className="editor-actions">
        <button className="primary" type="submit" disabled={saving || lockError !== null || defaultError !== null}>
          {saving ? 'Saving…' : 'Save settings'}
        </button>
        {status !== null && (
          <span className={status.kind === 'error' ? 'error' : 'muted'} role={status.kind === 'error' ? 'alert' : 'status'}>
            {status.text}
          </span>
        )}
      </div>
    </form>
  );
}
