import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiContract } from '../../../../shared/rest/api-contract';
import { errorStatus } from '../../../../shared/rest/api-error';
import type { Endpoint } from '../../../../shared/rest/endpoint';
import { openApiPath } from '../../../../sync-server/http/openapi';
import { startTestServer } from '../support/test-server';
import type { TestServer } from '../support/test-server';

type Json = Record<string, unknown>;
interface Operation {
  operationId: string;
  security?: unknown[];
  parameters: { name: string; in: string; required: boolean }[];
  requestBody?: { content: Record<string, { schema: Json }> };
  responses: Record<string, Json>;
}

let server: TestServer;
let text: string;
let doc: { openapi: string; paths: Record<string, Record<string, Operation>>; components: Json; security: unknown[] };

beforeAll(async () => {
  server = await startTestServer();
  const res = await fetch(`${server.url}/api/v1/openapi.json`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  text = await res.text();
  doc = JSON.parse(text) as typeof doc;
});
afterAll(async () => {
  await server.dispose();
});

const endpoints = Object.entries(apiContract) as [string, Endpoint][];

function operationOf(endpoint: Endpoint): Operation | undefined {
  return doc.paths[openApiPath(endpoint.path)]?.[endpoint.method.toLowerCase()];
}

function resolve(ref: string): unknown {
  return ref
    .replace(/^#\//, '')
    .split('/')
    .reduce<unknown>((node, part) => (node !== null && typeof node === 'object' ? (node as Json)[part] : undefined), doc);
}

function refsIn(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((item) => refsIn(item, out));
  else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key === '$ref' && typeof item === 'string') out.push(item);
      else refsIn(item, out);
    }
  }
  return out;
}

describe('GET /openapi.json', () => {
  it('is an OpenAPI 3.1 document, served without credentials', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.security).toEqual([{ bearer: [] }]);
    expect((doc.components['securitySchemes'] as Json)['bearer']).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('lists every endpoint of the contract with its method, and nothing else', () => {
    for (const [key, endpoint] of endpoints) {
      expect(operationOf(endpoint)?.operationId, `${endpoint.method} ${endpoint.path}`).toBe(key);
    }
    const operations = Object.values(doc.paths).flatMap((methods) => Object.keys(methods));
    expect(operations.length).toBe(endpoints.length);
    expect(doc.paths['/projects/{id}/members/{uid}']).toBeDefined();
    expect(Object.keys(doc.paths).some((path) => path.includes(':'))).toBe(false);
  });

  it('declares every path parameter as required, and the query parameters', () => {
    for (const [key, endpoint] of endpoints) {
      const params = operationOf(endpoint)?.parameters ?? [];
      const names = [...endpoint.path.matchAll(/:([A-Za-z_]+)/g)].map((m) => m[1]);
      for (const name of names) expect(params, key).toContainEqual(expect.objectContaining({ name, in: 'path', required: true }));
    }
    const audit = operationOf(apiContract['org.audit.read'])?.parameters ?? [];
    expect(audit).toContainEqual(expect.objectContaining({ name: 'limit', in: 'query', required: false }));
    expect(audit).toContainEqual(expect.objectContaining({ name: 'cursor', in: 'query', required: false }));
  });

  it('needs the bearer token everywhere except on the endpoints open without credentials', () => {
    for (const [key, endpoint] of endpoints) {
      const operation = operationOf(endpoint);
      if (endpoint.auth === 'none') expect(operation?.security, key).toEqual([]);
      else {
        expect(operation?.security, key).toBeUndefined();
        expect(operation?.responses['401'], key).toEqual({ $ref: '#/components/responses/Error' });
      }
    }
  });

  it('describes request bodies that refuse unknown fields', () => {
    const create = operationOf(apiContract['project.create'])?.requestBody?.content['application/json']?.schema;
    expect(create).toMatchObject({ type: 'object', additionalProperties: false });
    expect(Object.keys((create?.['properties'] ?? {}) as Json)).toContain('name');
    for (const [key, endpoint] of endpoints) {
      if (endpoint.body) expect(operationOf(endpoint)?.requestBody, key).toBeDefined();
      else expect(operationOf(endpoint)?.requestBody, key).toBeUndefined();
    }
  });

  it('describes the error shape with every error code', () => {
    const error = resolve('#/components/schemas/ApiError') as Json;
    expect(error).toMatchObject({ type: 'object', additionalProperties: false, required: ['error'] });
    expect(JSON.stringify(error)).toContain(JSON.stringify(Object.keys(errorStatus)));
  });

  it('describes success answers: JSON, JSON Lines for exports, nothing for 204', () => {
    const list = operationOf(apiContract['org.audit.read'])?.responses['200'] as { content: Json };
    expect(Object.keys(list.content)).toEqual(['application/json']);
    const exported = operationOf(apiContract['org.audit.export'])?.responses['200'] as { content: Json };
    expect(Object.keys(exported.content)).toEqual(['application/x-ndjson']);
    const revoke = operationOf(apiContract['api-key.revoke'])?.responses ?? {};
    expect(revoke['204']).toBeDefined();
    expect(revoke['204']?.['content']).toBeUndefined();
  });

  it('has no reference that points nowhere, nor a schema dialect inside the document', () => {
    const refs = refsIn(doc);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of new Set(refs)) expect(resolve(ref), ref).toBeDefined();
    expect(text).not.toContain('"$schema"');
    expect(text).not.toContain('#/$defs/');
  });
});
