import type { ApiKey } from '../../shared/domain/api-key';
import type { KeyScope } from '../../shared/domain/key-scope';

/** Who changes a key, for its audit record. */
export interface ApiKeyActor {
  readonly orgId: string;
  readonly userId: string;
}

/** A key about to be stored: only the hash of its secret is kept. */
export interface NewApiKey {
  readonly id: string;
  readonly userId: string;
  readonly name: string;
  readonly prefix: string;
  readonly secretHash: string;
  readonly scopes: readonly KeyScope[];
  readonly expiresAt: string | null;
}

/**
 * API keys, asynchronous so a PostgreSQL store can take the SQLite one's place. Every change is
 * audited and announced to replicas in the same transaction as the change itself.
 */
export interface ApiKeyRepository {
  /** The organization's keys, or only those `holderId` holds, oldest first. */
  list(orgId: string, holderId?: string): Promise<readonly ApiKey[]>;
  get(orgId: string, id: string): Promise<ApiKey | null>;
  create(actor: ApiKeyActor, key: NewApiKey): Promise<ApiKey>;
  /** Revokes the key (a revoked one keeps its first revocation time). */
  revoke(actor: ApiKeyActor, id: string): Promise<void>;
}
