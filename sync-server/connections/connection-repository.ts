import type { ConnectionParams, ModelConnection, ModelConnectionCreate, ModelConnectionPatch } from '../../shared/domain/model-connection';

/** What a worker needs to call the provider through a connection; stays inside the server. */
export interface ConnectionCredentials {
  readonly baseUrl: string;
  readonly apiKey: string | null;
  readonly defaultParams: ConnectionParams;
}

/** Who changes a connection, for its audit record. */
export interface ConnectionActor {
  readonly orgId: string;
  readonly userId: string;
}

/** A second connection of the organization with the same name. */
export class ConnectionNameTaken extends Error {
  override readonly name = 'ConnectionNameTaken';
}

/**
 * Model connections, asynchronous so a PostgreSQL store can take the SQLite one's place. Every
 * change is audited in the same transaction as the change itself; no method returns a key except
 * `credentials`, which only the server's own run worker calls.
 */
export interface ConnectionRepository {
  /** The organization's connections; with `workgroupIds`, only those of the organization and of these workgroups. */
  list(orgId: string, workgroupIds?: readonly string[]): Promise<readonly ModelConnection[]>;
  get(orgId: string, id: string): Promise<ModelConnection | null>;
  create(actor: ConnectionActor, input: ModelConnectionCreate): Promise<ModelConnection>;
  update(actor: ConnectionActor, id: string, patch: ModelConnectionPatch): Promise<ModelConnection | null>;
  remove(actor: ConnectionActor, id: string): Promise<boolean>;
  credentials(orgId: string, id: string): Promise<ConnectionCredentials | null>;
  /** Seals again every key sealed with an older server key; how many. Run at start. */
  resealKeys(): Promise<number>;
}
