import type { OrgRole } from '../../shared/domain/roles';

/** Who a request acts as, resolved from its session token or API key on every request. */
export interface Principal {
  readonly userId: string;
  readonly orgId: string;
  readonly orgRole: OrgRole;
  readonly credential: { readonly kind: 'session'; readonly tokenHash: string } | { readonly kind: 'api-key'; readonly keyId: string };
}
