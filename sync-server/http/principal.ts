import type { KeyScope } from '../../shared/domain/key-scope';
import type { OrgRole } from '../../shared/domain/roles';

/** Who a request acts as, resolved from its session token or API key on every request. */
export interface Principal {
  readonly userId: string;
  readonly orgId: string;
  readonly orgRole: OrgRole;
  /** A session knows when its password was last entered; a key, what it may be used for. */
  readonly credential:
    | { readonly kind: 'session'; readonly tokenHash: string; readonly signedInAt: string }
    | { readonly kind: 'api-key'; readonly keyId: string; readonly scopes: readonly KeyScope[] }
    /** The server itself acting for the user (an edit it makes for them, a run they asked for); never a request's. */
    | { readonly kind: 'server' };
}
