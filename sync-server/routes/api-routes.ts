import type { FastifyInstance } from 'fastify';
import { authEndpoints } from '../../shared/rest/auth-endpoints';
import { orgEndpoints } from '../../shared/rest/org-endpoints';
import { projectEndpoints } from '../../shared/rest/project-endpoints';
import { workgroupEndpoints } from '../../shared/rest/workgroup-endpoints';
import { registerEndpoints } from '../http/register-endpoints';
import type { Services } from '../http/services';
import { authHandlers } from './auth-routes';
import { organizationHandlers } from './org-routes';
import { projectHandlers } from './project-routes';
import { workgroupHandlers } from './workgroup-routes';
import { agentRegistryEndpoints } from '../../shared/rest/agent-registry-endpoints';
import { modelRegistryEndpoints } from '../../shared/rest/model-registry-endpoints';
import { agentRegistryHandlers } from './agent-registry-routes';
import { modelRegistryHandlers } from './model-registry-routes';
import { auditEndpoints } from '../../shared/rest/audit-endpoints';
import { changeEndpoints } from '../../shared/rest/change-endpoints';
import { openapiEndpoints } from '../../shared/rest/openapi-endpoints';
import { auditHandlers } from './audit-routes';
import { changeHandlers } from './change-routes';
import { openapiHandlers } from './openapi-routes';

/** Every endpoint group of the REST contract with its handlers. */
export function registerApiRoutes(app: FastifyInstance, services: Services): void {
  registerEndpoints(app, authEndpoints, authHandlers, services);
  registerEndpoints(app, orgEndpoints, organizationHandlers, services);
  registerEndpoints(app, workgroupEndpoints, workgroupHandlers, services);
  registerEndpoints(app, projectEndpoints, projectHandlers, services);
  registerEndpoints(app, modelRegistryEndpoints, modelRegistryHandlers, services);
  registerEndpoints(app, agentRegistryEndpoints, agentRegistryHandlers, services);
  registerEndpoints(app, auditEndpoints, auditHandlers, services);
  registerEndpoints(app, changeEndpoints, changeHandlers, services);
  registerEndpoints(app, openapiEndpoints, openapiHandlers, services);
}
