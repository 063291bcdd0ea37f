import { endpointGroups } from '../../shared/rest/api-contract';
import type { OpenApiDocument, openapiEndpoints } from '../../shared/rest/openapi-endpoints';
import { buildOpenApiDocument } from '../http/openapi';
import type { Handlers } from '../http/register-endpoints';

let document: OpenApiDocument | undefined;

export const openapiHandlers: Handlers<typeof openapiEndpoints> = {
  // The contract is fixed for the life of the process: build the document once.
  'openapi.read': () => (document ??= buildOpenApiDocument(endpointGroups, { title: 'Quorum sync server API', version: '1' })),
};
