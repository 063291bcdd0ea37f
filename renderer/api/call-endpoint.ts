import type { DirectoryRequest } from '../../shared/app-api/app-api-contract';
import type { AppApiClient } from '../../shared/app-api/app-api-types';
import type { AppErrorCode } from '../../shared/app-api/app-result';
import type { EndpointKey } from '../../shared/rest/api-contract';
import type { EndpointResult } from '../../shared/rest/endpoint-call';

/**
 * How a REST call through main ended: done with the endpoint's answer (main parsed it with the
 * endpoint's response schema), waiting in the outbox (a change made offline; it is sent when the
 * connection is back), or refused with the reason to show.
 */
export type CallOutcome<T> =
  | { readonly kind: 'applied'; readonly value: T }
  | { readonly kind: 'queued' }
  | { readonly kind: 'failed'; readonly code: AppErrorCode; readonly message: string; readonly field?: string };

export const queuedNotice = 'You are offline: the change waits and is sent when the connection is back.';

/** Calls an endpoint by its contract key, with that endpoint's own inputs and answer type. */
export async function callEndpoint<K extends EndpointKey>(api: AppApiClient, request: DirectoryRequest<K>): Promise<CallOutcome<EndpointResult<K>>> {
  const result = await api['directory.request'](request);
  if (!result.ok) {
    const { code, message, field } = result.error;
    return field === undefined ? { kind: 'failed', code, message } : { kind: 'failed', code, message, field };
  }
  if (result.value.status === 'queued') return { kind: 'queued' };
  return { kind: 'applied', value: result.value.response };
}
