import type { OrgAction } from '../../shared/policy/actions';
import { decide } from '../../shared/policy/decide';
import type { Principal } from '../http/principal';
import { enforce } from './enforce';

/** Checks an organization-scoped action against the caller's org role. */
export function requireOrg(principal: Principal, action: OrgAction): void {
  enforce(decide(principal, action, { scope: 'org', orgId: principal.orgId }));
}
