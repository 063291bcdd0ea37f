import type { z } from 'zod';
import type { ApiContract, EndpointKey } from './api-contract';

/*
 * A call to one endpoint as a client makes it, derived from the contract: what it sends (each part
 * in its wire form, before the server's parsing applies defaults and conversions) and what it gets
 * back (after the endpoint's response schema parsed the answer).
 */

type Declared<K extends EndpointKey, P extends 'params' | 'query' | 'body'> = ApiContract[K] extends { readonly [Name in P]: infer S extends z.ZodType } ? S : never;

/** Path parameters and query values may be left out when every field in them is optional. */
type ValuesPart<K extends EndpointKey, P extends 'params' | 'query'> = [Declared<K, P>] extends [never]
  ? { readonly [Name in P]?: undefined }
  : Record<never, never> extends z.input<Declared<K, P>>
    ? { readonly [Name in P]?: z.input<Declared<K, P>> }
    : { readonly [Name in P]: z.input<Declared<K, P>> };

type BodyPart<K extends EndpointKey> = [Declared<K, 'body'>] extends [never]
  ? { readonly body?: undefined }
  : { readonly body: z.input<Declared<K, 'body'>> };

/**
 * What a call to endpoint K sends: its path parameters, query and body, each only where declared.
 * For a union of keys, the request of any one of them.
 */
export type EndpointInput<K extends EndpointKey> = K extends EndpointKey ? ValuesPart<K, 'params'> & ValuesPart<K, 'query'> & BodyPart<K> : never;

type Parsed<E> = E extends { readonly response: infer S extends z.ZodType } ? z.output<S> : never;

/**
 * What a call to endpoint K answers once parsed with the endpoint's response schema: the value,
 * every line of a JSON Lines export, or the text itself where the endpoint offers text formats.
 */
export type EndpointResult<K extends EndpointKey> = K extends EndpointKey
  ? ApiContract[K] extends { readonly format: 'ndjson' }
    ? Parsed<ApiContract[K]>[]
    : ApiContract[K] extends { readonly textFormats: object }
      ? Parsed<ApiContract[K]> | string
      : Parsed<ApiContract[K]>
  : never;
