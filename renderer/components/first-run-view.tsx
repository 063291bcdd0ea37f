import { useState } from 'react';
import type { FormEvent } from 'react';
import { useApi } from '../api/api-context';
import { callEndpoint } from '../api/call-endpoint';
import { useAppStore } from '../store/store-context';
import { TextField } from './text-field';

type Test = { readonly kind: 'idle' } | { readonly kind: 'testing' } | { readonly kind: 'ok'; readonly models: readonly string[] } | { readonly kind: 'failed'; readonly message: string };

/**
 * The first start of an app that just founded its organization: its name, and the first model
 * endpoint (OpenAI-compatible), tested from here with its model list. Then the default project
 * opens with a conversation ready. Everything here can be skipped and done later.
 */
export function FirstRunView() {
  const api = useApi();
  const org = useAppStore((s) => s.organization ?? s.session?.organization ?? null);
  const finishSetup = useAppStore((s) => s.finishSetup);
  const createConversation = useAppStore((s) => s.createConversation);
  const [name, setName] = useState(org?.name ?? '');
  const [baseUrl, setBaseUrl] = useState('');
  const [apiKey, setApiKey] = useState('');
  const [test, setTest] = useState<Test>({ kind: 'idle' });
  const [model, setModel] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const testConnection = async () => {
    setTest({ kind: 'testing' });
    const result = await api['providers.listModels']({ baseUrl: baseUrl.trim(), ...(apiKey.trim() === '' ? {} : { apiKey: apiKey.trim() }) });
    if (!result.ok) return setTest({ kind: 'failed', message: result.error.message });
    setTest({ kind: 'ok', models: result.value.models });
    setModel(result.value.models[0] ?? '');
  };

  const finish = async (event: FormEvent) => {
    event.preventDefault();
    if (org === null) return;
    setBusy(true);
    setError(null);
    const steps: (() => Promise<string | null>)[] = [];
    if (name.trim() !== org.name) {
      steps.push(async () => {
        const renamed = await callEndpoint(api, { endpoint: 'org.update', params: { id: org.id }, body: { name: name.trim(), slug: org.slug, plan: org.plan } });
        return renamed.kind === 'failed' ? renamed.message : null;
      });
    }
    if (test.kind === 'ok' && model !== '') {
      steps.push(async () => {
        const created = await callEndpoint(api, {
          endpoint: 'model.create',
          body: { name: model, description: `Served by ${baseUrl.trim()}`, provider: { baseUrl: baseUrl.trim(), model }, visibility: { level: 'public' } },
        });
        if (created.kind === 'failed') return created.message;
        if (created.kind === 'applied' && apiKey.trim() !== '') {
          const stored = await api['providers.setKey']({ modelId: created.value.id, apiKey: apiKey.trim() });
          if (!stored.ok) return stored.error.message;
        }
        return null;
      });
    }
    for (const step of steps) {
      const failed = await step();
      if (failed !== null) {
        setBusy(false);
        return setError(failed);
      }
    }
    await finishSetup();
    await createConversation({ title: 'First conversation', kind: 'shared' });
    setBusy(false);
  };

  const endpointGiven = baseUrl.trim() !== '';
  const waiting = name.trim() === '' ? 'Enter the organization’s name first' : endpointGiven && test.kind !== 'ok' ? 'Test the connection first, or clear the address' : null;
  return (
    <main className="auth">
      <form className="auth-card setup-card" aria-label="Set up Quorum" onSubmit={(e) => void finish(e)}>
        <div className="brand brand-large">Quorum</div>
        <h1>Set up your organization</h1>
        <TextField label="Organization name" value={name} onChange={setName} maxLength={100} required />
        <h2>First model endpoint</h2>
        <p className="muted form-help">Any OpenAI-compatible server: a local one (Ollama, llama.cpp, vLLM) or a hosted one. The key stays on this computer.</p>
        <TextField label="Base URL" value={baseUrl} onChange={(v) => {
          setBaseUrl(v);
          setTest({ kind: 'idle' });
        }} maxLength={2048} placeholder="http://localhost:11434/v1" />
        <label>
          API key <span className="hint">(optional)</span>
          <input type="password" value={apiKey} maxLength={4096} autoComplete="off" onChange={(e) => {
            setApiKey(e.target.value);
            setTest({ kind: 'idle' });
          }} />
        </label>
        <div className="form-actions">
          {!endpointGiven && <span className="disabled-reason">Enter a base URL to test it</span>}
          <button type="button" disabled={!endpointGiven || test.kind === 'testing'} onClick={() => void testConnection()}>
            {test.kind === 'testing' ? 'Testing…' : 'Test connection'}
          </button>
        </div>
        {test.kind === 'failed' && (
          <p className="error" role="alert">
            {test.message}
          </p>
        )}
        {test.kind === 'ok' &&
          (test.models.length === 0 ? (
            <p className="reason" role="status">Connected, but the endpoint lists no models.</p>
          ) : (
            <label>
              <span role="status">Connected: {test.models.length === 1 ? '1 model' : `${String(test.models.length)} models`}. Model to use</span>
              <select aria-label="Model to use" value={model} onChange={(e) => setModel(e.target.value)}>
                {test.models.map((m) => (
                  <option key={m} value={m}>
                    {m}
                  </option>
                ))}
              </select>
            </label>
          ))}
        {error !== null && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        {waiting !== null && <span className="disabled-reason">{waiting}</span>}
        <button type="submit" className="primary" disabled={busy || waiting !== null} title={waiting ?? undefined}>
          Finish setup
        </button>
        <button type="button" className="link" onClick={() => void finishSetup()}>
          Skip for now
        </button>
      </form>
    </main>
  );
}
