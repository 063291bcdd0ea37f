import { useState } from 'react';
import type { FormEvent } from 'react';
import { builtInToolNames } from '../../../shared/domain/built-in-tools';
import type { Workgroup, WorkgroupSettings } from '../../../shared/domain/workgroup';
import { useApi } from '../../api/api-context';
import { callEndpoint, queuedNotice } from '../../api/call-endpoint';
import { ChoiceGrid, RestrictionField, ToolAllowlistField } from '../restriction-field';
import type { Choice } from '../restriction-field';
import type { RegistryChoices } from './use-registry-choices';

interface WorkgroupSettingsEditorProps {
  readonly workgroup: Workgroup;
  readonly choices: RegistryChoices;
  /** The saved workgroup, or null when the change waits in the outbox. */
  readonly onSaved: (workgroup: Workgroup | null) => void;
  readonly onCancel: () => void;
}

/**
 * Entries the settings already name stay choices even when this replica does not hold them (the
 * editor cannot see them): leaving one checked keeps it, which the server allows.
 */
function withNamed(choices: readonly Choice[], named: readonly string[] | null): Choice[] {
  const known = new Set(choices.map((c) => c.id));
  return [...choices, ...(named ?? []).filter((id) => !known.has(id)).map((id) => ({ id, label: `${id} (not visible to you)` }))];
}

/** The form over a workgroup's shared settings, which every project of the workgroup inherits. */
export function WorkgroupSettingsEditor({ workgroup, choices, onSaved, onCancel }: WorkgroupSettingsEditorProps) {
  const api = useApi();
  const initial = workgroup.settings;
  const [modelPool, setModelPool] = useState<string[] | null>(initial.modelPool);
  const [tools, setTools] = useState<string[] | null>(initial.toolAllowlist);
  const [prompt, setPrompt] = useState(initial.systemPrompt ?? '');
  const [knowledgeBaseIds, setKnowledgeBaseIds] = useState<string[]>(initial.knowledgeBaseIds);
  const [agentIds, setAgentIds] = useState<string[]>(initial.agentIds);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const poolError = modelPool !== null && modelPool.length === 0 ? 'Choose at least one model, or turn the pool off.' : null;
  const toolNames = [...new Set([...builtInToolNames, ...(initial.toolAllowlist ?? [])])].sort();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (poolError !== null) return;
    setBusy(true);
    setError(null);
    const settings: WorkgroupSettings = { modelPool, toolAllowlist: tools, systemPrompt: prompt.trim() === '' ? null : prompt, knowledgeBaseIds, agentIds };
    const outcome = await callEndpoint(api, { endpoint: 'workgroup.update', params: { id: workgroup.id },
      body: { name: workgroup.name, description: workgroup.description, settings },
    });
    setBusy(false);
    if (outcome.kind === 'failed') return setError(outcome.message);
    if (outcome.kind === 'queued') {
      setError(queuedNotice);
      return onSaved(null);
    }
    onSaved(outcome.value);
  };

  return (
    <form className="settings-editor" aria-label="Edit shared settings" onSubmit={(e) => void submit(e)}>
      <RestrictionField
        legend="Model pool"
        toggle="Only allow chosen models in this workgroup’s projects"
        value={modelPool}
        initial={initial.modelPool}
        onChange={setModelPool}
        choices={withNamed(choices.models, initial.modelPool)}
        ariaLabel={(label) => `Pool model ${label}`}
        empty="No models are registered yet."
        error={poolError}
      />
      <ToolAllowlistField value={tools} initial={initial.toolAllowlist} onChange={setTools} toolNames={toolNames} />
      <label className="editor-field stacked">
        <span>System prompt</span>
        <textarea value={prompt} onChange={(e) => setPrompt(e.target.value)} rows={3} placeholder="Empty: each project sets its own" />
      </label>
      <fieldset className="editor-field">
        <legend>Knowledge bases</legend>
        <ChoiceGrid
          choices={withNamed(choices.knowledgeBases, initial.knowledgeBaseIds)}
          selected={knowledgeBaseIds}
          onChange={setKnowledgeBaseIds}
          ariaLabel={(label) => `Bind knowledge base ${label}`}
          empty="No knowledge bases you can read yet."
        />
      </fieldset>
      <fieldset className="editor-field">
        <legend>Agents</legend>
        <ChoiceGrid
          choices={withNamed(choices.agents, initial.agentIds)}
          selected={agentIds}
          onChange={setAgentIds}
          ariaLabel={(label) => `Offer agent ${label}`}
          empty="No agents you can see yet."
        />
      </fieldset>
      {error !== null && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="editor-actions">
        <button className="primary" type="submit" disabled={busy || poolError !== null}>
          {busy ? 'Saving…' : 'Save shared settings'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
