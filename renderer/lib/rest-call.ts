import type { AppApiClient } from '../../shared/app-api/app-api-types';
import type { EndpointKey } from '../../shared/policy/endpoint-policy';

export type RestOutcome<T> =
  | { readonly kind: 'applied'; readonly value: T }
  | { readonly kind: 'queued' }
  | { readonly kind: 'failed'; readonly message: string };

export interface RestCall {
  readonly params?: Record<string, string>;
  readonly query?: Record<string, string>;
  readonly body?: unknown;
}

/**
 * One REST call through main. Main parsed the response with the endpoint's schema, so it is the
 * endpoint's response type; a change made offline waits in the outbox and is `queued`.
 */
export async function restCall<T>(api: AppApiClient, endpoint: EndpointKey, call: RestCall = {}): Promise<RestOutcome<T>> {
  const result = await api['directory.request']({ endpoint, ...call });
  if (!result.ok) return { kind: 'failed', message: result.error.message };
  if (result.value.status === 'queued') return { kind: 'queued' };
  return { kind: 'applied', value: result.value.response as T };
}

export const queuedNotice = 'You are offline: the change waits and is sent when the connection is back.';
