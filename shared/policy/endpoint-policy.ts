import { apiContract } from '../rest/api-contract';
import type { EndpointKey } from '../rest/api-contract';
import type { Endpoint } from '../rest/endpoint';
import type { EndpointCheck } from '../rest/endpoint-access';

/**
 * What the client checks before a REST request leaves the machine, by endpoint: exactly the
 * `access` each endpoint declares in the REST contract, which the server enforces where it
 * registers the endpoint. Only the role and visibility questions are here; rules that need data
 * the client may not hold (the last owner, who invited whom, an organization's current plan) are
 * left to the server, which re-checks everything anyway. An endpoint without checks goes to the
 * server unchecked.
 */
export const endpointPolicy: Readonly<Partial<Record<EndpointKey, readonly EndpointCheck[]>>> = Object.fromEntries(
  Object.entries(apiContract).flatMap(([key, endpoint]: [string, Endpoint]) => (endpoint.access === undefined ? [] : [[key, endpoint.access]])),
);
