import { z } from 'zod';
import { ApiErrorBody } from '../../shared/rest/api-error';
import type { Endpoint } from '../../shared/rest/endpoint';
import type { OpenApiDocument } from '../../shared/rest/openapi-endpoints';
import { apiPrefix } from './register-endpoints';

type JsonSchema = Record<string, unknown>;

/**
 * Turns zod schemas into JSON Schema 2020-12 (the dialect of OpenAPI 3.1) and collects the shared
 * definitions. zod puts the parts of a recursive schema (a free-form JSON value, say) under the
 * schema's own `$defs`, whose `#/$defs/...` references would resolve against the document root once
 * embedded, so they are moved to `components.schemas` and the references rewritten. Identical
 * definition sets from different schemas become one component.
 */
class SchemaCollector {
  readonly components: Record<string, JsonSchema> = {};
  private readonly namesByDefs = new Map<string, Map<string, string>>();
  private count = 0;

  convert(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
    const converted = z.toJSONSchema(schema, { io, target: 'draft-2020-12', unrepresentable: 'any' }) as JsonSchema;
    const { $defs, ...rest } = converted;
    // The document as a whole declares the dialect.
    delete rest['$schema'];
    if ($defs === undefined || $defs === null || typeof $defs !== 'object') return rest;
    const defs = $defs as Record<string, JsonSchema>;
    const names = this.namesFor(defs);
    for (const [local, definition] of Object.entries(defs)) {
      const name = names.get(local);
      if (name !== undefined && !(name in this.components)) this.components[name] = rewriteRefs(definition, names) as JsonSchema;
    }
    return rewriteRefs(rest, names) as JsonSchema;
  }

  private namesFor(defs: Record<string, JsonSchema>): Map<string, string> {
    const key = JSON.stringify(defs);
    let names = this.namesByDefs.get(key);
    if (names === undefined) {
      names = new Map(Object.keys(defs).map((local) => [local, `Definition${++this.count}`]));
      this.namesByDefs.set(key, names);
    }
    return names;
  }
}

function rewriteRefs(value: unknown, names: ReadonlyMap<string, string>): unknown {
  if (Array.isArray(value)) return value.map((item) => rewriteRefs(item, names));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const local = key === '$ref' && typeof item === 'string' && item.startsWith('#/$defs/') ? item.slice('#/$defs/'.length) : undefined;
    const name = local === undefined ? undefined : names.get(local);
    out[key] = name !== undefined ? `#/components/schemas/${name}` : rewriteRefs(item, names);
  }
  return out;
}

/** `/projects/:id/members/:uid` → `/projects/{id}/members/{uid}`. */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}');
}

function parameters(collector: SchemaCollector, schema: z.ZodType | undefined, location: 'path' | 'query'): JsonSchema[] {
  if (schema === undefined) return [];
  const object = collector.convert(schema, 'input');
  const properties = (object['properties'] ?? {}) as Record<string, JsonSchema>;
  const required = new Set((object['required'] ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: location,
    // Path parameters are always required in OpenAPI.
    required: location === 'path' || required.has(name),
    schema: property,
  }));
}

const errorResponse = { $ref: '#/components/responses/Error' };

/** The text representations an endpoint offers besides JSON, each a string of its media type. */
function textContent(endpoint: Endpoint): Record<string, JsonSchema> {
  return Object.fromEntries(Object.values(endpoint.textFormats ?? {}).map((mediaType) => [mediaType, { schema: { type: 'string' } }]));
}

function textFormatNames(endpoint: Endpoint): string {
  const formats = Object.entries(endpoint.textFormats ?? {});
  if (formats.length === 0) return 'OK';
  return `OK: JSON, or text with ${formats.map(([format, mediaType]) => `format=${format} (${mediaType})`).join(', ')}`;
}

function responses(collector: SchemaCollector, endpoint: Endpoint): JsonSchema {
  const status = String(endpoint.status ?? 200);
  const success =
    status === '204'
      ? { description: 'Done; no content' }
      : endpoint.format === 'ndjson'
        ? {
            description: 'JSON Lines: one JSON value per line, each matching this schema',
            content: { 'application/x-ndjson': { schema: collector.convert(endpoint.response, 'output') } },
          }
        : {
            description: textFormatNames(endpoint),
            content: { 'application/json': { schema: collector.convert(endpoint.response, 'output') }, ...textContent(endpoint) },
          };
  return {
    [status]: success,
    ...(endpoint.params || endpoint.query || endpoint.body ? { '400': errorResponse } : {}),
    ...(endpoint.auth === 'none' ? {} : { '401': errorResponse }),
    ...(endpoint.params ? { '404': errorResponse } : {}),
    '4XX': errorResponse,
    '5XX': errorResponse,
  };
}

function operation(collector: SchemaCollector, key: string, group: string, endpoint: Endpoint): JsonSchema {
  return {
    operationId: key,
    summary: endpoint.summary,
    tags: [group],
    ...(endpoint.auth === 'none' ? { security: [] } : {}),
    parameters: [...parameters(collector, endpoint.params, 'path'), ...parameters(collector, endpoint.query, 'query')],
    ...(endpoint.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: collector.convert(endpoint.body, 'input') } } } }
      : {}),
    responses: responses(collector, endpoint),
  };
}

/**
 * The OpenAPI 3.1 document of every endpoint group: one operation per endpoint, named by its key
 * and tagged with its group, with request shapes as the server parses them (`input`) and answers as
 * it sends them (`output`). Every operation needs a bearer token unless it is `auth: 'none'`.
 */
export function buildOpenApiDocument(
  groups: Readonly<Record<string, Readonly<Record<string, Endpoint>>>>,
  info: { title: string; version: string },
): OpenApiDocument {
  const collector = new SchemaCollector();
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const [group, endpoints] of Object.entries(groups)) {
    for (const [key, endpoint] of Object.entries(endpoints)) {
      const path = openApiPath(endpoint.path);
      paths[path] ??= {};
      paths[path][endpoint.method.toLowerCase()] = operation(collector, key, group, endpoint);
    }
  }
  const errorSchema = collector.convert(ApiErrorBody, 'output');
  return {
    openapi: '3.1.0',
    info,
    servers: [{ url: apiPrefix }],
    paths: paths as OpenApiDocument['paths'],
    components: {
      schemas: { ...collector.components, ApiError: errorSchema },
      responses: {
        Error: {
          description: 'An error: `code` says which (its HTTP status is fixed), `message` says why, `field` names the input at fault',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } },
        },
      },
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'A session token from /auth/login or /auth/signup, or an API key' },
      },
    },
    security: [{ bearer: [] }],
  };
}
