import { useCallback, useEffect, useState } from 'react';
import type { ModelEntry } from '../../shared/domain/model-entry';
import { providerPlace, usesConnection } from '../../shared/domain/model-entry';
import { useApi } from '../api/api-context';
import { useReplicaList } from '../api/use-directory-query';
import { sortedByName } from '../lib/by-name';
import { TableHead } from './table-head';

function KeyRow({ model }: { readonly model: ModelEntry }) {
  const api = useApi();
  const [hasKey, setHasKey] = useState<boolean | null>(null);
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);

  const check = useCallback(async () => {
    const result = await api['providers.hasKey']({ modelId: model.id });
    if (result.ok) setHasKey(result.value.hasKey);
    else setError(result.error.message);
  }, [api, model.id]);
  useEffect(() => {
    void check();
  }, [check]);

  const save = async () => {
    const result = await api['providers.setKey']({ modelId: model.id, apiKey: draft.trim() });
    if (!result.ok) return setError(result.error.message);
    setDraft('');
    setError(null);
    await check();
  };
  const clear = async () => {
    const result = await api['providers.clearKey']({ modelId: model.id });
    if (!result.ok) return setError(result.error.message);
    setError(null);
    await check();
  };

  return (
    <tr>
      <td>{model.name}</td>
      <td className="muted">{providerPlace(model.provider)}</td>
      <td>{hasKey === null ? '…' : hasKey ? 'Key set' : 'No key'}</td>
      <td>
        <form
          className="key-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (draft.trim() !== '') void save();
          }}
        >
          <input type="password" autoComplete="off" aria-label={`API key for ${model.name}`} placeholder={hasKey === true ? 'Replace the key' : 'Paste the key'} value={draft} onChange={(e) => setDraft(e.target.value)} />
          <button type="submit" disabled={draft.trim() === ''}>
            Save
          </button>
          <button type="button" disabled={hasKey !== true} onClick={() => void clear()} aria-label={`Clear the key for ${model.name}`}>
            Clear
          </button>
        </form>
        {error !== null && <p className="error">{error}</p>}
      </td>
    </tr>
  );
}

/** A provider API key per model, kept on this computer only. */
export function ProviderKeysPanel() {
  const listed = useReplicaList('model');
  // A model reached through a server connection is asked with the server's key, never one of this machine.
  const models = listed.data === null ? (listed.loading ? null : []) : sortedByName(listed.data.filter((m) => !usesConnection(m.provider)));
  return (
    <section className="provider-keys" aria-labelledby="provider-keys-title">
      <h2 id="provider-keys-title" className="section-title">
        Provider API keys
      </h2>
      <p className="muted">Keys stay on this computer: they are never sent to the sync server or to your team, only to the model’s own endpoint.</p>
      {models === null ? (
        <p className="muted">Loading…</p>
      ) : models.length === 0 ? (
        <p className="muted">No models are available to you yet.</p>
      ) : (
        <table className="dense-table">
          <TableHead columns={['Model', 'Endpoint', 'Key', 'Set or clear']} />
          <tbody>
            {models.map((m) => (
              <KeyRow key={m.id} model={m} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
