import { notFound } from '../http/api-error';
import type { Principal } from '../http/principal';

/**
 * A credential acts in one organization; every other organization id answers as a missing one
 * would, whether the caller belongs to that organization through another session or not at all.
 */
export function requireOwnOrg(principal: Principal, orgId: string): void {
  if (orgId !== principal.orgId) throw notFound('Organization');
}
