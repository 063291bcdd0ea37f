import { z } from 'zod';
import { CallDeadline } from './call-deadline';
import { describeIssue } from './chat-chunk';
import type { ChatEndpoint } from './chat-types';
import { endpointUrl } from './endpoint-url';
import { httpFailure } from './http-failure';
import { ProviderError } from './provider-error';
import { readLimitedText } from './read-limited-text';
import { requestHeaders } from './wire-request';
import { webFetch } from './web-runtime';
import type { WebAbortSignal } from './web-runtime';

export const defaultListModelsTimeoutMs = 10_000;
const maxModelListBytes = 4 * 1024 * 1024;

const ModelList = z.object({ data: z.array(z.object({ id: z.string() })) });

/**
 * The model names an endpoint serves (`GET /models`), to check a configured endpoint and offer
 * its models when an entry is registered.
 */
export async function listModels(
  endpoint: Pick<ChatEndpoint, 'baseUrl' | 'apiKey'>,
  options: { readonly signal?: WebAbortSignal; readonly timeoutMs?: number } = {},
): Promise<string[]> {
  const deadline = new CallDeadline({ signal: options.signal, timeoutMs: options.timeoutMs ?? defaultListModelsTimeoutMs });
  let phase: 'connecting' | 'reading' = 'connecting';
  try {
    const response = await webFetch(endpointUrl(endpoint.baseUrl, 'models'), {
      headers: requestHeaders(endpoint.apiKey, 'application/json'),
      signal: deadline.signal,
    });
    if (!response.ok) throw await httpFailure(response, endpoint.baseUrl);
    phase = 'reading';
    const text = await readLimitedText(response.body, maxModelListBytes);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new ProviderError('malformed', `The model endpoint at ${endpoint.baseUrl} answered the model list with something that is not JSON.`);
    }
    const list = ModelList.safeParse(json);
    if (!list.success) throw new ProviderError('malformed', `The model endpoint at ${endpoint.baseUrl} sent a model list of an unknown shape (${describeIssue(list.error)}).`);
    return list.data.data.map((model) => model.id);
  } catch (error) {
    throw deadline.explain(error, endpoint.baseUrl, phase);
  } finally {
    deadline.dispose();
  }
}
