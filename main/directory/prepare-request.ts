import type { z } from 'zod';
import { fieldSentence } from '../../shared/domain/field-sentence';
import { parseInput } from '../../shared/domain/schema-error';
import type { EndpointKey } from '../../shared/rest/api-contract';
import { apiContract } from '../../shared/rest/api-contract';
import type { Endpoint, HttpMethod } from '../../shared/rest/endpoint';
import { AppFailure } from '../app-api/app-failure';

/** A REST call by its contract key, as the renderer and the outbox hold it. */
export interface RestRequest {
  readonly params?: Readonly<Record<string, string>> | undefined;
  readonly query?: Readonly<Record<string, string>> | undefined;
  readonly body?: unknown;
}

/** A request checked against its endpoint's schemas and ready to send. */
export interface PreparedRequest {
  readonly endpoint: EndpointKey;
  readonly method: HttpMethod;
  /** Path under /api/v1 with the parameters filled in, and the query string if any. */
  readonly path: string;
  /** The JSON text to send, undefined when the endpoint takes no body. */
  readonly body: string | undefined;
  readonly format: 'json' | 'ndjson';
}

export function endpointOf(key: EndpointKey): Endpoint {
  return apiContract[key];
}

/** Changes are every method but GET: they go through the policy check and, offline, the outbox. */
export function isChange(key: EndpointKey): boolean {
  return endpointOf(key).method !== 'GET';
}

function check(part: 'params' | 'query' | 'body', schema: z.ZodType | undefined, value: unknown): void {
  if (schema === undefined) {
    const empty = value === undefined || (part !== 'body' && typeof value === 'object' && value !== null && Object.keys(value).length === 0);
    if (!empty) throw new AppFailure('bad_request', `This endpoint takes no ${part === 'body' ? 'body' : `${part} values`}.`, part);
    return;
  }
  const parsed = parseInput(schema, value ?? (part === 'body' ? undefined : {}));
  if (!parsed.ok) {
    const field = parsed.error.field === '' ? part : `${part}.${parsed.error.field}`;
    throw new AppFailure('bad_request', fieldSentence(field, parsed.error.message), field);
  }
}

/**
 * Checks params, query and body with the endpoint's own schemas before anything is sent or
 * queued, so a malformed change is refused at once instead of failing later during a replay. The
 * values sent are the caller's own (the server parses them again); only their validity is checked
 * here.
 */
export function prepareRequest(key: EndpointKey, request: RestRequest): PreparedRequest {
  const endpoint = endpointOf(key);
  check('params', endpoint.params, request.params);
  check('query', endpoint.query, request.query);
  check('body', endpoint.body, request.body);
  const params = request.params ?? {};
  const path = endpoint.path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new AppFailure('bad_request', `params.${name} is required`, `params.${name}`);
    return encodeURIComponent(value);
  });
  const query = new URLSearchParams(Object.entries(request.query ?? {})).toString();
  return {
    endpoint: key,
    method: endpoint.method,
    path: query === '' ? path : `${path}?${query}`,
    body: endpoint.body === undefined ? undefined : JSON.stringify(request.body),
    format: endpoint.format ?? 'json',
  };
}
