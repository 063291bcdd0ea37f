import { useState } from 'react';
import type { FormEvent } from 'react';
import type { ModelBadge, ModelEntry } from '../../../shared/domain/model-entry';
import { unsetParameters } from '../../../shared/domain/model-parameters';
import { registryDenial } from '../../lib/registry-permission';
import { useAppStore } from '../../store/store-context';
import { FormFooter } from '../form-footer';
import { BadgeFields } from './badge-fields';
import { NameFields } from './name-fields';
import type { ParameterDraft } from './parameter-fields';
import { draftOf, ParameterFields, parameterDenial, parametersOf } from './parameter-fields';
import { ProviderEndpointFields } from './provider-endpoint-fields';
import { useRegistration } from './use-registration';
import { useViewer } from './use-viewer';
import type { VisibilityDraft } from './visibility-fields';
import { VisibilityFields, visibilityFromDraft } from './visibility-fields';

/** Registers a model: its name, the OpenAI-compatible endpoint (its models discovered, the connection tested), badges and who may see it. */
export function ModelRegisterForm({ onDone, onCancel }: { readonly onDone: (model: ModelEntry | null) => void; readonly onCancel: () => void }) {
  const viewer = useViewer();
  const session = useAppStore((s) => s.session);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [baseUrl, setBaseUrl] = useState('');
  const [model, setModel] = useState('');
  const [badges, setBadges] = useState<ModelBadge[]>([]);
  const [parameters, setParameters] = useState<ParameterDraft>(draftOf(unsetParameters));
  const [visibility, setVisibility] = useState<VisibilityDraft>({ level: 'private', scopeId: '' });
  const { busy, error, register } = useRegistration<'model.create'>(onDone);

  const target = visibilityFromDraft(visibility);
  const denial = registryDenial(viewer, 'model.create', { body: { visibility: target ?? { level: 'private' } } }) ?? parameterDenial(parameters, null);
  const read = parametersOf(parameters);
  const missing = name.trim() === '' || baseUrl.trim() === '' || model.trim() === '' || target === null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (missing || denial !== null || !('value' in read)) return;
    await register({
      endpoint: 'model.create',
      body: { name: name.trim(), description: description.trim(), provider: { baseUrl: baseUrl.trim(), model: model.trim() }, badges, parameters: read.value, visibility: target },
    });
  };

  return (
    <form className="form-card" aria-label="Register a model" onSubmit={(e) => void submit(e)}>
      <h2>Register a model</h2>
      <NameFields name={name} description={description} onName={setName} onDescription={setDescription} />
      <ProviderEndpointFields baseUrl={baseUrl} model={model} onBaseUrl={setBaseUrl} onModel={setModel} />
      <ParameterFields legend="Default parameters (agents may narrow them)" value={parameters} onChange={setParameters} ceiling={null} />
      <BadgeFields session={session} before={[]} value={badges} onChange={setBadges} />
      <VisibilityFields idPrefix="register-model" value={visibility} onChange={setVisibility} />
      <FormFooter denial={denial} error={error} submitLabel="Register model" disabled={busy || missing} onCancel={onCancel} />
    </form>
  );
}
