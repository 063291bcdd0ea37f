import type { EndpointKey } from '../../shared/rest/api-contract';
import type { EndpointInput, EndpointResult } from '../../shared/rest/endpoint-call';
import type { PreparedRequest, RestRequest } from './prepare-request';
import { endpointOf, prepareRequest } from './prepare-request';
import { networkError, RestError, restErrorOf } from './rest-error';

export interface RestClientOptions {
  /** The sync server's address (`http://127.0.0.1:8787`); null while there is none. */
  readonly serverUrl: () => string | null;
  /** The session token, null when signed out (only `auth: 'none'` endpoints work then). */
  readonly token: () => string | null;
  readonly fetch?: typeof fetch;
  /** How long one call may take before it counts as no answer. */
  readonly timeoutMs?: number;
}

/**
 * Calls the sync server's REST API by contract key: the one way main reaches the REST API (the
 * directory, the outbox, the session, the change feed), so every call is checked and parsed with
 * its endpoint's schemas and fails with the same RestError.
 */
export interface RestClient {
  /** Sends and answers the parsed JSON (an array of lines for JSON Lines endpoints, undefined for 204). */
  send(endpoint: EndpointKey, request: RestRequest): Promise<unknown>;
  /** Sends an already checked request (the outbox keeps requests in this form until replay). */
  sendPrepared(prepared: PreparedRequest): Promise<unknown>;
  /** Sends and parses the answer with the endpoint's response schema. */
  call<K extends EndpointKey>(endpoint: K, request: EndpointInput<K>): Promise<EndpointResult<K>>;
}

/**
 * Parses a server's answer with its endpoint's response schema: each line of a JSON Lines export,
 * text where the endpoint offers text formats, the JSON value otherwise. An answer of another shape
 * is a server this version of the app does not understand.
 */
export function parseResult<K extends EndpointKey>(endpoint: K, body: unknown): EndpointResult<K> {
  const declared = endpointOf(endpoint);
  const parsed = declared.textFormats !== undefined && typeof body === 'string'
    ? { success: true as const, data: body }
    : (declared.format === 'ndjson' ? declared.response.array() : declared.response).safeParse(body);
  if (!parsed.success) {
    throw new RestError('unavailable', `The server's answer to ${endpoint} is not what this version of the app expects.`, 200);
  }
  // What was just parsed is endpoint K's own answer (its text, or its lines for JSON Lines).
  return parsed.data as EndpointResult<K>;
}

async function readBody(response: Response, format: 'json' | 'ndjson'): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  if (format === 'ndjson' && response.ok) {
    return text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line): unknown => JSON.parse(line));
  }
  try {
    const value: unknown = JSON.parse(text);
    return value;
  } catch {
    return text;
  }
}

export function createRestClient(options: RestClientOptions): RestClient {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 30_000;

  async function sendPrepared(prepared: PreparedRequest): Promise<unknown> {
    const serverUrl = options.serverUrl();
    if (serverUrl === null) throw new RestError('unauthenticated', 'Sign in to a sync server first.', 401);
    const headers: Record<string, string> = { accept: 'application/json' };
    const token = options.token();
    if (token !== null && endpointOf(prepared.endpoint).auth !== 'none') headers['authorization'] = `Bearer ${token}`;
    if (prepared.body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    let body: unknown;
    try {
      response = await doFetch(`${serverUrl.replace(/\/+$/, '')}/api/v1${prepared.path}`, {
        method: prepared.method,
        headers,
        body: prepared.body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      body = await readBody(response, prepared.format);
    } catch (error) {
      throw networkError(serverUrl, error);
    }
    if (!response.ok) throw restErrorOf(response.status, body);
    return body;
  }

  const send = (endpoint: EndpointKey, request: RestRequest) => sendPrepared(prepareRequest(endpoint, request));

  return {
    send,
    sendPrepared,
    async call(endpoint, request) {
      return parseResult(endpoint, await send(endpoint, request));
    },
  };
}
