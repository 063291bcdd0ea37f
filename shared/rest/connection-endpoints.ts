import { ModelConnection, ModelConnectionCreate, ModelConnectionPatch } from '../domain/model-connection';
import type { Endpoint } from './endpoint';
import { listOf, NoContent } from './list-response';
import { IdParams } from './path-params';

/**
 * Model connections: an OpenAI-compatible endpoint and its key, configured once by org admins
 * (or a workgroup's owners, for the workgroup) for the server to run agents with. No answer ever
 * carries a key, only `hasKey`.
 */
export const connectionEndpoints = {
  'connection.list': {
    method: 'GET',
    path: '/connections',
    access: [{ on: 'org', action: 'connection.read' }],
    summary: "The organization's model connections and those of the caller's workgroups, without keys",
    response: listOf(ModelConnection),
  },
  'connection.create': {
    method: 'POST',
    path: '/connections',
    summary: 'Register a model connection for the organization (admins) or one workgroup (its owners)',
    body: ModelConnectionCreate,
    status: 201,
    response: ModelConnection,
  },
  'connection.update': {
    method: 'PATCH',
    path: '/connections/:id',
    summary: "Change a connection's name, URL, key or default parameters; `apiKey: null` removes the key",
    params: IdParams,
    body: ModelConnectionPatch,
    response: ModelConnection,
  },
  'connection.delete': {
    method: 'DELETE',
    path: '/connections/:id',
    summary: 'Remove a model connection',
    params: IdParams,
    status: 204,
    response: NoContent,
  },
} as const satisfies Record<string, Endpoint>;
