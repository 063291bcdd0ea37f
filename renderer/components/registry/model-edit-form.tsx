import { useState } from 'react';
import type { FormEvent } from 'react';
import type { ModelBadge, ModelEntry } from '../../../shared/domain/model-entry';
import { usesConnection } from '../../../shared/domain/model-entry';
import { useAppStore } from '../../store/store-context';
import { FormFooter } from '../form-footer';
import { BadgeFields } from './badge-fields';
import { NameFields } from './name-fields';
import type { ParameterDraft } from './parameter-fields';
import { draftOf, ParameterFields, parameterDenial, parametersOf } from './parameter-fields';
import { ProviderEndpointFields } from './provider-endpoint-fields';
import { useRegistration } from './use-registration';

/**
 * Edits a model entry: name, description, endpoint and badges (visibility has its own editor,
 * versions their own list). `denial` is the policy's reason, shown before anything is sent.
 */
export function ModelEditForm({ model, denial, onDone, onCancel }: { readonly model: ModelEntry; readonly denial: string | null; readonly onDone: () => void; readonly onCancel: () => void }) {
  const session = useAppStore((s) => s.session);
  const [name, setName] = useState(model.name);
  const [description, setDescription] = useState(model.description);
  const connection = usesConnection(model.provider) ? model.provider.connectionId : null;
  const [baseUrl, setBaseUrl] = useState(usesConnection(model.provider) ? '' : model.provider.baseUrl);
  const [providerModel, setProviderModel] = useState(model.provider.model);
  const [badges, setBadges] = useState<ModelBadge[]>([...model.badges]);
  const [parameters, setParameters] = useState<ParameterDraft>(draftOf(model.parameters));
  const shown = denial ?? parameterDenial(parameters, null);
  const read = parametersOf(parameters);
  const { busy, error, register } = useRegistration<'model.update'>(onDone);
  const missing = name.trim() === '' || (connection === null && baseUrl.trim() === '') || providerModel.trim() === '';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (missing || shown !== null || !('value' in read)) return;
    await register({
      endpoint: 'model.update',
      params: { id: model.id },
      body: { name: name.trim(), description: description.trim(), provider: connection === null ? { baseUrl: baseUrl.trim(), model: providerModel.trim() } : { connectionId: connection, model: providerModel.trim() },
        badges,
        parameters: read.value,
      },
    });
  };

  return (
    <form className="form-card" aria-label="Edit model" onSubmit={(e) => void submit(e)}>
      <h2>Edit {model.name}</h2>
      <NameFields name={name} description={description} onName={setName} onDescription={setDescription} />
      {connection === null ? (
        <ProviderEndpointFields baseUrl={baseUrl} model={providerModel} onBaseUrl={setBaseUrl} onModel={setProviderModel} modelId={model.id} />
      ) : (
        <label className="field">
          <span>Provider model name (asked through a server connection)</span>
          <input value={providerModel} onChange={(e) => setProviderModel(e.target.value)} required />
        </label>
      )}
      <ParameterFields legend="Default parameters (agents may narrow them)" value={parameters} onChange={setParameters} ceiling={null} />
      <BadgeFields session={session} before={model.badges} value={badges} onChange={setBadges} />
      <FormFooter denial={shown} error={error} submitLabel="Save changes" disabled={busy || missing} onCancel={onCancel} />
    </form>
  );
}
