import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { apiContract, endpointGroups } from '../../../../shared/rest/api-contract';
import type { Endpoint } from '../../../../shared/rest/endpoint';

const groups = Object.entries(endpointGroups) as [string, Record<string, Endpoint>][];
const endpoints = Object.entries(apiContract) as [string, Endpoint][];

function inputSchema(schema: z.ZodType): Record<string, unknown> {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}

/** The object shapes a schema accepts at its top level: itself, or each branch of a union. */
function objectShapes(json: Record<string, unknown>): Record<string, unknown>[] {
  const branches = (json['anyOf'] ?? json['oneOf']) as Record<string, unknown>[] | undefined;
  if (branches) return branches.flatMap(objectShapes);
  return json['type'] === 'object' ? [json] : [];
}

describe('the API contract', () => {
  it('holds every endpoint of every group, and no key of one group shadows another', () => {
    const total = groups.reduce((sum, [, group]) => sum + Object.keys(group).length, 0);
    expect(endpoints.length).toBe(total);
    for (const [, group] of groups) {
      for (const [key, endpoint] of Object.entries(group)) expect(apiContract[key as keyof typeof apiContract]).toBe(endpoint);
    }
  });

  it('has the groups of the REST design', () => {
    expect(Object.keys(endpointGroups)).toEqual(
      expect.arrayContaining(['auth', 'orgs', 'workgroups', 'projects', 'model-registry', 'agent-registry', 'audit', 'changes', 'openapi']),
    );
  });

  it('declares each method and path once', () => {
    const routes = endpoints.map(([, e]) => `${e.method} ${e.path.replace(/:[a-z]+/gi, ':')}`);
    expect(new Set(routes).size).toBe(routes.length);
  });

  it('names endpoints like actions, so a refused call is audited under a valid action', () => {
    for (const [key] of endpoints) expect(key).toMatch(/^[a-z][a-z0-9-]*(?:\.[a-z][a-z0-9-]*)+$/);
  });

  it('declares a params schema naming exactly the parameters of each path', () => {
    for (const [key, endpoint] of endpoints) {
      const inPath = [...endpoint.path.matchAll(/:([A-Za-z_]+)/g)].map((m) => m[1]).sort();
      const declared = endpoint.params ? Object.keys((inputSchema(endpoint.params)['properties'] ?? {}) as object).sort() : [];
      expect(declared, key).toEqual(inPath);
    }
  });

  it('refuses unknown fields in every params, query and body schema', () => {
    for (const [key, endpoint] of endpoints) {
      for (const part of ['params', 'query', 'body'] as const) {
        const schema = endpoint[part];
        if (!schema) continue;
        // Its keys are open by design (`metadata.<key>` filters); the schema refuses every other key itself.
        if (key === 'project.list' && part === 'query') {
          expect(schema.safeParse({ 'metadata.team': 'search' }).success).toBe(true);
          expect(schema.safeParse({ team: 'search' }).success).toBe(false);
          continue;
        }
        const shapes = objectShapes(inputSchema(schema));
        expect(shapes.length, `${key} ${part}`).toBeGreaterThan(0);
        for (const shape of shapes) expect(shape['additionalProperties'], `${key} ${part}`).toBe(false);
      }
    }
  });
});
