import { useState } from 'react';
import type { FormEvent } from 'react';
import type { AgentEntry } from '../../../shared/domain/agent-entry';
import { useReplicaList } from '../../api/use-directory-query';
import { sortedByName } from '../../lib/by-name';
import { FormFooter } from '../form-footer';
import { AgentModelSelect } from './agent-model-select';
import { AgentToolFields } from './agent-tool-fields';
import { NameFields } from './name-fields';
import type { ParameterDraft } from './parameter-fields';
import { draftOf, ParameterFields, parameterDenial, parametersOf } from './parameter-fields';
import { useRegistration } from './use-registration';

/**
 * Edits an agent's definition: name, description, prompt, model and tools; each save is a new
 * version of the agent (its examples, visibility and status are kept as they are).
 */
export function AgentEditForm({ agent, denial, onDone, onCancel }: { readonly agent: AgentEntry; readonly denial: string | null; readonly onDone: () => void; readonly onCancel: () => void }) {
  const models = sortedByName(useReplicaList('model').data ?? []);
  const [name, setName] = useState(agent.name);
  const [description, setDescription] = useState(agent.description);
  const [systemPrompt, setSystemPrompt] = useState(agent.systemPrompt);
  const [modelId, setModelId] = useState(agent.modelId ?? '');
  const [tools, setTools] = useState<string[]>([...agent.tools]);
  const [parameters, setParameters] = useState<ParameterDraft>(draftOf(agent.parameters));
  const model = models.find((m) => m.id === modelId) ?? null;
  const shown = denial ?? parameterDenial(parameters, model === null ? null : { parameters: model.parameters, name: model.name });
  const read = parametersOf(parameters);
  const { busy, error, register } = useRegistration<'agent.update'>(onDone);
  const missing = name.trim() === '' || systemPrompt.trim() === '';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (missing || shown !== null || !('value' in read)) return;
    await register({
      endpoint: 'agent.update',
      params: { id: agent.id },
      body: {
        name: name.trim(),
        description: description.trim(),
        systemPrompt,
        tools,
        examples: agent.examples,
        modelId: modelId === '' ? null : modelId,
        parameters: read.value,
        visibility: agent.visibility,
        status: agent.status,
      },
    });
  };

  return (
    <form className="form-card" aria-label="Edit agent" onSubmit={(e) => void submit(e)}>
      <h2>Edit {agent.name}</h2>
      <NameFields name={name} description={description} onName={setName} onDescription={setDescription} />
      <div className="field-row">
        <label className="field grow">
          <span>System prompt</span>
          <textarea value={systemPrompt} onChange={(e) => setSystemPrompt(e.target.value)} rows={4} required />
        </label>
      </div>
      <AgentModelSelect models={models} value={modelId} onChange={setModelId} />
      <ParameterFields legend="Parameters (only narrower than the model’s)" value={parameters} onChange={setParameters} ceiling={model?.parameters ?? null} />
      <AgentToolFields value={tools} onChange={setTools} />
      <FormFooter denial={shown} error={error} submitLabel="Save changes" disabled={busy || missing} onCancel={onCancel} />
    </form>
  );
}
