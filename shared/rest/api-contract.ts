import { z } from 'zod';
import { accountEndpoints } from './account-endpoints';
import { agentRegistryEndpoints } from './agent-registry-endpoints';
import { auditEndpoints } from './audit-endpoints';
import { authEndpoints } from './auth-endpoints';
import { changeEndpoints } from './change-endpoints';
import { connectionEndpoints } from './connection-endpoints';
import type { Endpoint } from './endpoint';
import { knowledgeEndpoints } from './knowledge-endpoints';
import { modelRegistryEndpoints } from './model-registry-endpoints';
import { openapiEndpoints } from './openapi-endpoints';
import { orgEndpoints } from './org-endpoints';
import { projectEndpoints } from './project-endpoints';
import { runEndpoints } from './run-endpoints';
import { serverEndpoints } from './server-endpoints';
import { workgroupEndpoints } from './workgroup-endpoints';

/**
 * Every endpoint group of the REST API under /api/v1. The server registers exactly these groups,
 * the OpenAPI document describes exactly these, and a client derives its calls from them.
 */
export const endpointGroups = {
  auth: authEndpoints,
  account: accountEndpoints,
  orgs: orgEndpoints,
  workgroups: workgroupEndpoints,
  projects: projectEndpoints,
  'model-registry': modelRegistryEndpoints,
  'agent-registry': agentRegistryEndpoints,
  audit: auditEndpoints,
  knowledge: knowledgeEndpoints,
  changes: changeEndpoints,
  connections: connectionEndpoints,
  conversations: runEndpoints,
  openapi: openapiEndpoints,
  server: serverEndpoints,
} as const satisfies Record<string, Record<string, Endpoint>>;

export type EndpointGroupName = keyof typeof endpointGroups;

/** All endpoints by key. Keys are unique across groups (a test checks it), so none shadows another. */
export const apiContract = {
  ...authEndpoints,
  ...accountEndpoints,
  ...orgEndpoints,
  ...workgroupEndpoints,
  ...projectEndpoints,
  ...modelRegistryEndpoints,
  ...agentRegistryEndpoints,
  ...auditEndpoints,
  ...knowledgeEndpoints,
  ...changeEndpoints,
  ...connectionEndpoints,
  ...runEndpoints,
  ...openapiEndpoints,
  ...serverEndpoints,
} as const satisfies Record<string, Endpoint>;
export type ApiContract = typeof apiContract;

/** An endpoint by its contract key (`project.read`): what the client names a REST call by. */
export type EndpointKey = keyof ApiContract;
/** Parses an endpoint key arriving as data (the app API, the outbox's stored entries). */
export const EndpointKey = z.enum(Object.keys(apiContract) as [EndpointKey, ...EndpointKey[]]);
