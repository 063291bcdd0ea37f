import { useId, useState } from 'react';
import { useEndpointCheck } from './use-endpoint-check';

interface ProviderEndpointFieldsProps {
  readonly baseUrl: string;
  readonly model: string;
  readonly onBaseUrl: (value: string) => void;
  readonly onModel: (value: string) => void;
  /** The entry being edited: its key kept on this machine is used when none is typed. */
  readonly modelId?: string;
}

/**
 * An entry's OpenAI-compatible endpoint and model name, with the models the endpoint serves
 * offered for the name (Discover models) and a connection test, both before anything is saved.
 * A failure is one message with a Retry button.
 */
export function ProviderEndpointFields({ baseUrl, model, onBaseUrl, onModel, modelId }: ProviderEndpointFieldsProps) {
  const id = useId();
  const [apiKey, setApiKey] = useState('');
  const { check, models, discover, test, retry } = useEndpointCheck();
  const target = { baseUrl, apiKey, modelId };
  const noUrl = baseUrl.trim() === '';
  const busy = check.status === 'checking';
  return (
    <fieldset className="provider-fields" aria-label="Provider endpoint">
      <div className="field-row">
        <label className="field grow">
          <span>Provider base URL</span>
          <input value={baseUrl} onChange={(e) => onBaseUrl(e.target.value)} placeholder="http://localhost:11434/v1" required />
        </label>
        <label className="field">
          <span>Provider model name</span>
          <input value={model} onChange={(e) => onModel(e.target.value)} placeholder="llama3.1:8b" list={`${id}-models`} required />
          <datalist id={`${id}-models`}>
            {models.map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
        </label>
      </div>
      <div className="field-row">
        <label className="field grow">
          <span>API key to ask the endpoint with (optional, not saved)</span>
          <input type="password" value={apiKey} onChange={(e) => setApiKey(e.target.value)} autoComplete="off" />
        </label>
      </div>
      <div className="inline-form">
        <button type="button" disabled={noUrl || busy} onClick={() => void discover(target)}>
          Discover models
        </button>
        <button type="button" disabled={noUrl || model.trim() === '' || busy} onClick={() => void test(target, model)}>
          Test connection
        </button>
        {busy && <span className="muted">Asking the endpoint…</span>}
      </div>
      {models.length > 0 && (
        <div className="discovered" role="group" aria-label="Models the endpoint serves">
          {models.slice(0, 30).map((name) => (
            <button key={name} type="button" className={`chip${name === model.trim() ? ' selected' : ''}`} aria-pressed={name === model.trim()} onClick={() => onModel(name)}>
              {name}
            </button>
          ))}
        </div>
      )}
      {check.status === 'ok' && (
        <p className="notice" role="status">
          {check.message}
        </p>
      )}
      {check.status === 'failed' && (
        <div className="error check-failed" role="alert">
          <span>{check.message}</span>
          <button type="button" className="small" onClick={() => void retry()}>
            Retry
          </button>
        </div>
      )}
    </fieldset>
  );
}
