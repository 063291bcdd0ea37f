import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Endpoint, EndpointBody, EndpointParams, EndpointQuery, EndpointResponse } from '../../shared/rest/endpoint';
import { fieldSentence } from '../../shared/domain/field-sentence';
import { parseInput } from '../../shared/domain/schema-error';
import type { FieldError } from '../../shared/domain/schema-error';
import type { EndpointKey } from '../../shared/rest/api-contract';
import { requireCredentialFor } from '../access/credential-scope';
import { enforceEndpointAccess } from '../access/endpoint-access';
import { deniedResource } from '../audit/denied-resource';
import { bearerToken } from '../auth/authenticate';
import { passToken } from '../auth/credential-gate';
import { projectIdByCanonicalName } from '../directory/project-names';
import { ApiError, badRequest, notFound, tooManyAttempts, unauthenticated } from './api-error';
import type { Principal } from './principal';
import { resolveProjectReferences } from './project-references';
import type { Services } from './services';

export const apiPrefix = '/api/v1';

export interface HandlerInput<E extends Endpoint> {
  readonly params: EndpointParams<E>;
  readonly query: EndpointQuery<E>;
  readonly body: EndpointBody<E>;
  readonly principal: E['auth'] extends 'none' ? Principal | undefined : Principal;
  /** The raw bearer token, for endpoints that act on the credential itself (logout). */
  readonly token: string | undefined;
  /** The address the request came from, which failed sign-ins are counted by. */
  readonly address: string;
}

export type Handler<E extends Endpoint> = (
  input: HandlerInput<E>,
  services: Services,
) => EndpointResponse<E> | Promise<EndpointResponse<E>>;

export type Handlers<T extends Record<string, Endpoint>> = { readonly [K in keyof T]: Handler<T[K]> };

function parseWith<S extends z.ZodType>(schema: S, value: unknown, onError: (issue: FieldError) => ApiError): z.output<S> {
  const result = parseInput(schema, value);
  if (!result.ok) throw onError(result.error);
  return result.value;
}

/** JSON Lines, each line checked against the endpoint's line schema as it is written. */
function* ndjsonLines(schema: z.ZodType, items: Iterable<unknown>): Generator<string> {
  for (const item of items) yield `${JSON.stringify(schema.parse(item))}\n`;
}

/** The media type of the text format the parsed query asks for, when the endpoint offers one by that name. */
function textFormatOf(endpoint: Endpoint, query: unknown): string | undefined {
  const format = typeof query === 'object' && query !== null ? (query as Record<string, unknown>)['format'] : undefined;
  if (typeof format !== 'string' || endpoint.textFormats === undefined || !Object.hasOwn(endpoint.textFormats, format)) return undefined;
  return endpoint.textFormats[format];
}

/** Statuses that mean the caller tried something it may not do: each one is audited as denied. */
function isDenial(error: ApiError, method: string): boolean {
  return error.status === 402 || error.status === 403 || (error.status === 404 && method !== 'GET');
}

/**
 * Registers every endpoint of a contract with its handler. Each request is authenticated, then its
 * path, query and body are parsed with the contract's schemas before the handler sees them, and the
 * handler's answer is checked against the response schema before it leaves.
 */
export function registerEndpoints<T extends Record<string, Endpoint>>(
  app: FastifyInstance,
  endpoints: T,
  handlers: Handlers<T>,
  services: Services,
): void {
  for (const name of Object.keys(endpoints) as (keyof T & string)[]) {
    const endpoint = endpoints[name] as Endpoint;
    const handler = handlers[name] as Handler<Endpoint>;
    app.route({
      method: endpoint.method,
      url: apiPrefix + endpoint.path,
      handler: async (request: FastifyRequest, reply: FastifyReply) => {
        const token = bearerToken(request.headers.authorization);
        const gate = token ? passToken(services, token, request.ip) : undefined;
        const principal = gate !== undefined && 'principal' in gate ? gate.principal : undefined;
        // A refusal is filed under the project the path named, by its id even when named by canonical name.
        let pathParams: unknown = request.params;
        try {
          if (gate !== undefined && 'refused' in gate && gate.refused === 'rate-limited') throw tooManyAttempts('made-up credentials', gate.retryAfterMs ?? 0);
          if (endpoint.auth !== 'none' && !principal) {
            throw token ? unauthenticated('The session or API key is invalid, expired or revoked.') : unauthenticated();
          }
          if (principal) requireCredentialFor(name as EndpointKey, principal, services.now());
          const raw = principal
            ? resolveProjectReferences(endpoint, request, (canonicalName) => projectIdByCanonicalName(services.db, principal.orgId, canonicalName))
            : request;
          pathParams = raw.params;
          const params = endpoint.params ? parseWith(endpoint.params, raw.params, () => notFound('Resource')) : {};
          const query = endpoint.query
            ? parseWith(endpoint.query, raw.query, (issue) => badRequest(fieldSentence(issue.field, issue.message), issue.field))
            : {};
          const body = endpoint.body
            ? parseWith(endpoint.body, raw.body, (issue) =>
                badRequest(fieldSentence(issue.field, issue.message), issue.field || undefined),
              )
            : undefined;
          // The contract's access checks, before the handler sees anything: the same ones the client asks.
          if (principal && endpoint.access) enforceEndpointAccess(services, principal, endpoint.access, { params, body });
          const result = await handler({ params, query, body, principal, token, address: request.ip } as HandlerInput<Endpoint>, services);
          const status = endpoint.status ?? 200;
          if (status === 204) return reply.status(204).send();
          const textType = textFormatOf(endpoint, query);
          if (textType !== undefined) {
            if (typeof result !== 'string') throw new Error(`${name} answered ${textType} with something other than text`);
            return reply.status(status).type(`${textType}; charset=utf-8`).send(result);
          }
          if (endpoint.format === 'ndjson') {
            const lines = Readable.from(ndjsonLines(endpoint.response, result as Iterable<unknown>));
            return reply.status(status).type('application/x-ndjson; charset=utf-8').send(lines);
          }
          return reply.status(status).send(endpoint.response.parse(result));
        } catch (error) {
          if (error instanceof ApiError && principal && isDenial(error, endpoint.method)) {
            services.write(() =>
              services.audit.record({
                orgId: principal.orgId,
                actorId: principal.userId,
                action: name,
                ...deniedResource(name, pathParams, principal.orgId),
                outcome: 'denied',
                detail: { status: error.status, code: error.code },
              }),
            );
          }
          throw error;
        }
      },
    });
  }
}
