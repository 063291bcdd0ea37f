import type { FastifyInstance } from 'fastify';
import { endpointGroups } from '../../shared/rest/api-contract';
import type { EndpointGroupName } from '../../shared/rest/api-contract';
import { registerEndpoints } from '../http/register-endpoints';
import type { Handlers } from '../http/register-endpoints';
import type { Services } from '../http/services';
import { accountHandlers } from './account-routes';
import { agentRegistryHandlers } from './agent-registry-routes';
import { auditHandlers } from './audit-routes';
import { authHandlers } from './auth-routes';
import { changeHandlers } from './change-routes';
import { connectionHandlers } from './connection-routes';
import { knowledgeHandlers } from './knowledge-routes';
import { modelRegistryHandlers } from './model-registry-routes';
import { openapiHandlers } from './openapi-routes';
import { serverHandlers } from './server-routes';
import { organizationHandlers } from './org-routes';
import { projectHandlers } from './project-routes';
import { runHandlers } from './run-routes';
import { workgroupHandlers } from './workgroup-routes';

/**
 * The handlers of every endpoint group of the contract. Keyed like `endpointGroups`, so a group
 * added to the contract without handlers, or handlers missing an endpoint, do not compile.
 */
const groupHandlers: { readonly [G in EndpointGroupName]: Handlers<(typeof endpointGroups)[G]> } = {
  auth: authHandlers,
  account: accountHandlers,
  orgs: organizationHandlers,
  workgroups: workgroupHandlers,
  projects: projectHandlers,
  'model-registry': modelRegistryHandlers,
  'agent-registry': agentRegistryHandlers,
  audit: auditHandlers,
  knowledge: knowledgeHandlers,
  changes: changeHandlers,
  connections: connectionHandlers,
  conversations: runHandlers,
  openapi: openapiHandlers,
  server: serverHandlers,
};

function registerGroup<G extends EndpointGroupName>(app: FastifyInstance, group: G, services: Services): void {
  registerEndpoints(app, endpointGroups[group], groupHandlers[group], services);
}

/** Every endpoint group of the REST contract with its handlers: what is served is what the contract (and the OpenAPI document) says. */
export function registerApiRoutes(app: FastifyInstance, services: Services): void {
  for (const group of Object.keys(endpointGroups) as EndpointGroupName[]) registerGroup(app, group, services);
}
