import { AppFailure } from '../app-api/app-failure';
import type { ProviderKeys } from '../agents/provider-keys';
import { listModels } from '../../shared/providers/list-models';
import { ProviderError } from '../../shared/providers/provider-error';

export interface DiscoverModelsInput {
  readonly baseUrl: string;
  readonly apiKey?: string | undefined;
  readonly modelId?: string | undefined;
}

/**
 * `providers.listModels`: the endpoint's models, asked with the key given, else the key kept here
 * for the entry being edited. A failure is one sentence naming the endpoint and what went wrong,
 * `unavailable` so the view offers to try again.
 */
export async function discoverModels(input: DiscoverModelsInput, keys: ProviderKeys, options: { readonly timeoutMs?: number } = {}): Promise<{ models: string[] }> {
  const apiKey = input.apiKey ?? (input.modelId === undefined ? null : await keys.get(input.modelId));
  try {
    const models = await listModels({ baseUrl: input.baseUrl, ...(apiKey === null ? {} : { apiKey }) }, options);
    return { models: [...new Set(models)].sort((a, b) => a.localeCompare(b)) };
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error;
    if (error.kind === 'http' && (error.status === 401 || error.status === 403)) {
      throw new AppFailure('unavailable', `The endpoint at ${input.baseUrl} refused the API key (HTTP ${String(error.status)}). Enter the key it expects.`, 'apiKey');
    }
    const detail = error.kind === 'http' ? `The endpoint at ${input.baseUrl} answered HTTP ${String(error.status)}${error.providerMessage === null ? '' : `: ${error.providerMessage}`}` : error.message;
    throw new AppFailure('unavailable', detail, 'baseUrl');
  }
}
