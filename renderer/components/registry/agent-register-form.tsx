import { useState } from 'react';
import type { FormEvent } from 'react';
import type { AgentEntry } from '../../../shared/domain/agent-entry';
import { useReplicaList } from '../../api/use-directory-query';
import { sortedByName } from '../../lib/by-name';
import { registryDenial } from '../../lib/registry-permission';
import { FormFooter } from '../form-footer';
import { AgentModelSelect } from './agent-model-select';
import { AgentToolFields } from './agent-tool-fields';
import { NameFields } from './name-fields';
import { useRegistration } from './use-registration';
import { useViewer } from './use-viewer';
import type { VisibilityDraft } from './visibility-fields';
import { VisibilityFields, visibilityFromDraft } from './visibility-fields';

/**
 * Registers an agent: its name and prompt, the model it prefers, the tools it may call (none
 * chosen: every tool a project allows) and who may see it.
 */
export function AgentRegisterForm({ onDone, onCancel }: { readonly onDone: (agent: AgentEntry | null) => void; readonly onCancel: () => void }) {
  const viewer = useViewer();
  const models = sortedByName(useReplicaList('model').data ?? []);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [systemPrompt, setSystemPrompt] = useState('');
  const [modelId, setModelId] = useState('');
  const [tools, setTools] = useState<string[]>([]);
  const [visibility, setVisibility] = useState<VisibilityDraft>({ level: 'private', scopeId: '' });
  const { busy, error, register } = useRegistration<'agent.create'>(onDone);

  const target = visibilityFromDraft(visibility);
  const denial = registryDenial(viewer, 'agent.create', { body: { visibility: target ?? { level: 'private' }, projectId: null } });
  const missing = name.trim() === '' || systemPrompt.trim() === '' || target === null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (missing || denial !== null) return;
    await register({
      endpoint: 'agent.create',
      body: { name: name.trim(), description: description.trim(), systemPrompt, tools, modelId: modelId === '' ? null : modelId, visibility: target },
    });
  };

  return (
    <form className="form-card" aria-label="Register an agent" onSubmit={(e) => void submit(e)}>
      <h2>Register an agent</h2>
      <NameFields name={name} description={description} onName={setName} onDescription={setDescription} />
      <div className="field-row">
        <label className="field grow">
          <span>System prompt</span>
          <textarea value={systemPrompt} onChange={(e) => setSystemPrompt(e.target.value)} rows={4} placeholder="You are the team’s analyst. Answer with numbers and cite sources." required />
        </label>
      </div>
      <AgentModelSelect models={models} value={modelId} onChange={setModelId} />
      <AgentToolFields value={tools} onChange={setTools} />
      <VisibilityFields idPrefix="register-agent" value={visibility} onChange={setVisibility} />
      <FormFooter denial={denial} error={error} submitLabel="Register agent" disabled={busy || missing} onCancel={onCancel} />
    </form>
  );
}
