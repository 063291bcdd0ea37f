import type { z } from 'zod';
import type { AppApiClient } from '../../../shared/app-api/app-api-types';
import type { ApiContract } from '../../../shared/rest/api-contract';
import { apiContract } from '../../../shared/rest/api-contract';

export type EndpointKey = keyof ApiContract;
export type EndpointOutput<K extends EndpointKey> = z.output<ApiContract[K]['response']>;

export interface AdminRequest {
  readonly params?: Record<string, string>;
  readonly query?: Record<string, string>;
  readonly body?: unknown;
}

/**
 * How a REST call through main ended: done with the server's answer, waiting in the outbox
 * (offline; it is sent when the connection is back), or refused with the reason to show.
 */
export type AdminOutcome<T> =
  | { readonly kind: 'applied'; readonly value: T }
  | { readonly kind: 'queued' }
  | { readonly kind: 'failed'; readonly message: string };

export const queuedMessage = 'You are offline: the change waits and is sent when the connection is back.';

/** Calls an endpoint by its contract key and checks the answer with that endpoint's response schema. */
export async function adminRequest<K extends EndpointKey>(api: AppApiClient, endpoint: K, request: AdminRequest = {}): Promise<AdminOutcome<EndpointOutput<K>>> {
  const result = await api['directory.request']({ endpoint, ...request });
  if (!result.ok) return { kind: 'failed', message: result.error.message };
  if (result.value.status === 'queued') return { kind: 'queued' };
  const parsed = apiContract[endpoint].response.safeParse(result.value.response);
  if (!parsed.success) return { kind: 'failed', message: 'The server answered in a form this app does not understand.' };
  return { kind: 'applied', value: parsed.data as EndpointOutput<K> };
}

/**
 * A JSON Lines export as text. Main hands the lines over parsed (an array) or as the text itself;
 * either way the download is one event per line, as the server wrote it.
 */
export async function exportLines(api: AppApiClient, endpoint: 'org.audit.export' | 'project.audit.export', request: AdminRequest): Promise<AdminOutcome<{ text: string; count: number }>> {
  const result = await api['directory.request']({ endpoint, ...request });
  if (!result.ok) return { kind: 'failed', message: result.error.message };
  if (result.value.status === 'queued') return { kind: 'queued' };
  const response = result.value.response;
  if (typeof response === 'string') {
    const lines = response.split('\n').filter((line) => line.trim() !== '');
    return { kind: 'applied', value: { text: lines.map((l) => `${l}\n`).join(''), count: lines.length } };
  }
  const lines = Array.isArray(response) ? response : [];
  return { kind: 'applied', value: { text: lines.map((line) => `${JSON.stringify(line)}\n`).join(''), count: lines.length } };
}
