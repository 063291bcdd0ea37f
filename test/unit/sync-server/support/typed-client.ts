import type { EndpointKey } from '../../../../shared/rest/api-contract';
import { apiContract } from '../../../../shared/rest/api-contract';
import type { EndpointInput, EndpointResult } from '../../../../shared/rest/endpoint-call';
import type { ApiResponse, TestServer } from './test-server';

/** An answer to a typed call: the status and raw body, and `data`, the body parsed by the endpoint's response schema. */
export interface TypedResponse<K extends EndpointKey> extends ApiResponse<unknown> {
  /** The answer as the contract describes it; throws when the call failed or the answer does not match. */
  readonly data: EndpointResult<K>;
}

/** Input may be left out where the endpoint needs none. */
type InputArgs<K extends EndpointKey> = object extends EndpointInput<K> ? [input?: EndpointInput<K>] : [input: EndpointInput<K>];

/** A REST call by contract key, its parameters, query and body typed from the contract. */
export type TypedCall = <K extends EndpointKey>(endpoint: K, ...input: InputArgs<K>) => Promise<TypedResponse<K>>;

interface LooseInput {
  readonly params?: Readonly<Record<string, unknown>>;
  readonly query?: Readonly<Record<string, unknown>>;
  readonly body?: unknown;
}

/** The endpoint's path with its parameters filled in, and the query string. */
export function endpointPath(endpoint: EndpointKey, input: LooseInput = {}): string {
  const path = apiContract[endpoint].path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = input.params?.[name];
    if (value === undefined) throw new Error(`${endpoint} needs params.${name}`);
    return encodeURIComponent(String(value));
  });
  const query = new URLSearchParams(
    Object.entries(input.query ?? {})
      .filter(([, value]) => value !== undefined)
      .map(([name, value]) => [name, String(value)]),
  ).toString();
  return query === '' ? path : `${path}?${query}`;
}

function dataOf<K extends EndpointKey>(endpoint: K, response: ApiResponse<unknown>): EndpointResult<K> {
  if (response.status < 200 || response.status >= 300) throw new Error(`${endpoint} answered ${String(response.status)}: ${JSON.stringify(response.body)}`);
  const declared = apiContract[endpoint] as (typeof apiContract)[EndpointKey];
  if ('textFormats' in declared && typeof response.body === 'string') return response.body as EndpointResult<K>;
  const lines = 'format' in declared && declared.format === 'ndjson';
  const body = lines && typeof response.body === 'string' ? response.body.split('\n').filter((line) => line.trim() !== '').map((line): unknown => JSON.parse(line)) : response.body;
  const parsed = (lines ? declared.response.array() : declared.response).safeParse(body);
  if (!parsed.success) throw new Error(`${endpoint} answered what its contract does not describe: ${parsed.error.message}`);
  // Parsed by endpoint K's own response schema.
  return parsed.data as EndpointResult<K>;
}

/** Calls `server` by contract key as the holder of `token` (none: signed out). */
export function typedClient(server: TestServer, token: string | undefined): TypedCall {
  return async (endpoint, ...[input]) => {
    const loose: LooseInput = input ?? {};
    const response = await server.request(apiContract[endpoint].method, endpointPath(endpoint, loose), {
      token,
      ...(loose.body === undefined ? {} : { body: loose.body }),
    });
    let data: { value: EndpointResult<typeof endpoint> } | undefined;
    return {
      ...response,
      get data() {
        data ??= { value: dataOf(endpoint, response) };
        return data.value;
      },
    };
  };
}
