import type { FastifyInstance } from 'fastify';
import { authEndpoints } from '../../shared/rest/auth-endpoints';
import { registerEndpoints } from '../http/register-endpoints';
import type { Services } from '../http/services';
import { authHandlers } from './auth-routes';

/** Every endpoint group of the REST contract with its handlers. */
export function registerApiRoutes(app: FastifyInstance, services: Services): void {
  registerEndpoints(app, authEndpoints, authHandlers, services);
}
