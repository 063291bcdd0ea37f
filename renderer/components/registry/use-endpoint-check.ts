import { useRef, useState } from 'react';
import { useApi } from '../../api/api-context';

/** Where asking a model endpoint stands: not asked, asking, answered, or failed with one message. */
export type EndpointCheck =
  | { readonly status: 'idle' }
  | { readonly status: 'checking' }
  | { readonly status: 'ok'; readonly message: string }
  | { readonly status: 'failed'; readonly message: string };

export interface EndpointTarget {
  readonly baseUrl: string;
  /** A key to ask with; else the one kept on this machine for `modelId`. */
  readonly apiKey?: string | undefined;
  readonly modelId?: string | undefined;
}

const listing = (models: readonly string[]) => (models.length <= 5 ? models.join(', ') : `${models.slice(0, 5).join(', ')} and ${String(models.length - 5)} more`);

/**
 * Asks an OpenAI-compatible endpoint, from this machine, which models it serves: to offer them
 * (`discover`) or to check that it serves the one entered (`test`). The outcome is one message;
 * `retry` asks again exactly as the last time.
 */
export function useEndpointCheck() {
  const api = useApi();
  const [check, setCheck] = useState<EndpointCheck>({ status: 'idle' });
  const [models, setModels] = useState<readonly string[]>([]);
  const last = useRef<(() => Promise<void>) | null>(null);

  const ask = async (target: EndpointTarget, judge: (served: readonly string[]) => EndpointCheck) => {
    setCheck({ status: 'checking' });
    const result = await api['providers.listModels']({
      baseUrl: target.baseUrl.trim(),
      ...(target.apiKey === undefined || target.apiKey === '' ? {} : { apiKey: target.apiKey }),
      ...(target.modelId === undefined ? {} : { modelId: target.modelId }),
    });
    if (!result.ok) return setCheck({ status: 'failed', message: result.error.message });
    setModels(result.value.models);
    setCheck(judge(result.value.models));
  };

  const run = (action: () => Promise<void>) => {
    last.current = action;
    return action();
  };

  return {
    check,
    models,
    discover: (target: EndpointTarget) =>
      run(() =>
        ask(target, (served) =>
          served.length === 0 ? { status: 'failed', message: `The endpoint at ${target.baseUrl} serves no models.` } : { status: 'ok', message: `Found ${String(served.length)} ${served.length === 1 ? 'model' : 'models'}: ${listing(served)}.` },
        ),
      ),
    test: (target: EndpointTarget, model: string) =>
      run(() =>
        ask(target, (served) =>
          served.includes(model.trim())
            ? { status: 'ok', message: `Connected: ${target.baseUrl} serves ${model.trim()}.` }
            : { status: 'failed', message: `Connected, but ${target.baseUrl} does not serve ${model.trim()}; it serves ${served.length === 0 ? 'no models' : listing(served)}.` },
        ),
      ),
    retry: () => (last.current === null ? Promise.resolve() : last.current()),
  };
}
