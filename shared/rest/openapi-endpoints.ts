import { z } from 'zod';
import type { Endpoint } from './endpoint';

/** An OpenAPI 3.1 document; its shape is the OpenAPI specification's, not ours to restate. */
export const OpenApiDocument = z.looseObject({
  openapi: z.string(),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.json()),
});
export type OpenApiDocument = z.infer<typeof OpenApiDocument>;

export const openapiEndpoints = {
  'openapi.read': {
    method: 'GET',
    path: '/openapi.json',
    summary: 'This API described as an OpenAPI 3.1 document, generated from the contract',
    auth: 'none',
    response: OpenApiDocument,
  },
} as const satisfies Record<string, Endpoint>;
