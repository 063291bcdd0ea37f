import type { z } from 'zod';
import type { EndpointCheck } from './endpoint-access';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * One REST endpoint, declared once: the server registers and validates from it, the client derives
 * its request and response types from it, and the OpenAPI document is generated from it.
 * `auth: 'none'` marks the few endpoints reachable without credentials.
 */
export interface Endpoint {
  readonly method: HttpMethod;
  /** Path under /api/v1 with `:name` parameters. */
  readonly path: string;
  readonly summary: string;
  readonly auth?: 'none';
  /**
   * The policy questions the request raises, in order: the server asks each before the handler
   * runs (404 for a subject the caller may not see, the policy's refusal otherwise), and the client
   * asks the same ones before a request leaves the machine (`endpoint-policy.ts`). Rules that need
   * data the request does not name (the last owner, a stored entry's scope, the plan) stay with
   * the handler.
   */
  readonly access?: readonly EndpointCheck[];
  readonly params?: z.ZodType;
  readonly query?: z.ZodType;
  readonly body?: z.ZodType;
  /** Success status; 200 unless said otherwise. */
  readonly status?: 200 | 201 | 202 | 204;
  /**
   * `ndjson` answers JSON Lines (`application/x-ndjson`) for exports too large to hold in one
   * document: `response` is then the schema of one line and the handler returns the lines.
   */
  readonly format?: 'json' | 'ndjson';
  /**
   * Text representations offered besides JSON, by the name a client asks for in the `format` query
   * parameter (which `query` must declare), with the media type each is sent as. For those the
   * handler returns the text itself; any other `format` answers JSON, checked against `response`.
   */
  readonly textFormats?: Readonly<Record<string, `text/${string}`>>;
  readonly response: z.ZodType;
}

export type EndpointParams<E extends Endpoint> = E['params'] extends z.ZodType ? z.output<E['params']> : Record<string, never>;
export type EndpointQuery<E extends Endpoint> = E['query'] extends z.ZodType ? z.output<E['query']> : Record<string, never>;
export type EndpointBody<E extends Endpoint> = E['body'] extends z.ZodType ? z.output<E['body']> : undefined;
type StructuredResponse<E extends Endpoint> = E extends { readonly format: 'ndjson' }
  ? Iterable<z.input<E['response']>>
  : z.input<E['response']>;
export type EndpointResponse<E extends Endpoint> = E extends { readonly textFormats: object }
  ? StructuredResponse<E> | string
  : StructuredResponse<E>;
