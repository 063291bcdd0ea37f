import type * as Y from 'yjs';
import type { DocumentState, DroppedChange, MyRoles, PresenceState, SearchHit } from '../../shared/app-api/app-api-contract';
import type { OrgRole } from '../../shared/domain/roles';
import type { ReplicatedEntity, ReplicatedKind } from '../../shared/rest/change-endpoints';
import type { IndexedMessage } from '../replica/message-index';
import type { LocalDatabase } from '../store/local-database';

/*
 * What the app services need from the local replica and from the document store with its sync
 * client. The app is wired against these small interfaces; `local-modules.ts` adapts the real
 * modules to them, and tests can hand in their own.
 */

/** Where and as whom a signed-in account's local modules work. */
export interface AccountContext {
  readonly db: LocalDatabase;
  readonly serverUrl: string;
  readonly orgId: string;
  readonly userId: string;
  readonly userName: string;
  /** The org role the session was signed in with; the replica's reported roles take over once fetched. */
  readonly orgRole: OrgRole;
  /** The current session token: it changes when the session is renewed. */
  readonly token: () => string | null;
  readonly fetch?: typeof fetch;
}

/** What one pull of the change feed changed locally: the payload behind `directory.changed` and the purges it calls for. */
export interface DirectoryChange {
  readonly kinds: readonly ReplicatedKind[];
  readonly droppedConversationIds: readonly string[];
  readonly droppedProjectIds: readonly string[];
  /** Documents of projects and conversations the pull added or changed: the ones to fetch again in the background. */
  readonly changedDocuments: readonly string[];
  /** The caller's roles as read again differ from those held before. */
  readonly rolesChanged: boolean;
}

/** The server's word that the organization's change feed advanced (sync message 102). */
export interface DirectoryNotice {
  readonly cursor: number;
  /** The caller's own access changed with it. */
  readonly access: boolean;
}

export type PullOutcome = { readonly ok: true } | { readonly ok: false; readonly reason: 'offline' | 'unauthenticated' | 'refused' | 'invalid-response'; readonly message: string };

/** The local replica of the directory and the change feed that keeps it current. */
export interface DirectoryReplicaPort {
  list<K extends ReplicatedKind>(kind: K, projectId?: string): ReplicatedEntity<K>[];
  get<K extends ReplicatedKind>(kind: K, id: string): ReplicatedEntity<K> | undefined;
  myRoles(): MyRoles;
  search(projectId: string, query: string, limit: number): SearchHit[];
  /**
   * Makes the search index hold exactly these messages of a local conversation; false when the
   * replica does not know the conversation yet (and so not its project).
   */
  indexConversation(conversationId: string, messages: readonly IndexedMessage[]): boolean;
  lastSyncAt(): string | null;
  /** Pulls now, and again with backoff while the server cannot be reached. */
  start(): void;
  /** Pulls now: after a change reached the server, or when the connection came back. */
  pull(): Promise<PullOutcome>;
  /** The server said the feed advanced: pulls if the replica is behind, reading the roles again on `access`. */
  notified(notice: DirectoryNotice): void;
  stop(): Promise<void>;
  onChange(listener: (change: DirectoryChange) => void): () => void;
  /** `online`: the last pull reached the server. */
  onStatus(listener: (status: { readonly online: boolean; readonly unauthenticated: boolean }) => void): () => void;
}

/** The local Yjs documents and their sync with the server. */
export interface DocumentSyncPort {
  open(name: string): Promise<{ update: Uint8Array; state: DocumentState }>;
  /** A local edit: stored before anything else, then sent. */
  update(name: string, update: Uint8Array): Promise<void>;
  close(name: string): Promise<void>;
  /** The live copy of an open document, for edits made on this side (an agent's answer). */
  document(name: string): Y.Doc;
  /** A local edit made on this side: checked, stored, then sent, like `update`; throws when refused. */
  localEdit(name: string, update: Uint8Array): void;
  setPresence(name: string, state: Record<string, unknown> | null): void;
  states(): DocumentState[];
  /** Local changes that rebuilds after a refusal dropped, with the server's reason. */
  dropped(name: string): Promise<DroppedChange[]> | DroppedChange[];
  /** The user has read why the server refused a change here: the reason is no longer shown. */
  dismissRefusal(name: string): void;
  /** Access to these went away: their local copies are dropped. */
  purge(scope: { readonly projectIds: readonly string[]; readonly conversationIds: readonly string[] }): Promise<void>;
  /** Reconnects now rather than at the next backoff step (the network just came back). */
  reconnect(): void;
  stop(): Promise<void>;
  /** Every update of an open document, except those whose origin is `self` (the renderer is not sent its own edits back). */
  onUpdate(listener: (name: string, update: Uint8Array) => void, self?: 'renderer' | 'main'): () => void;
  onState(listener: (state: DocumentState) => void): () => void;
  onPresence(listener: (name: string, states: PresenceState[]) => void): () => void;
  /** The server refused the credential: syncing waits for `reconnect` after a renewal. */
  onUnauthenticated(listener: () => void): () => void;
  /** The server said, on a document's socket, that the organization's change feed advanced. */
  onDirectoryNotice(listener: (notice: DirectoryNotice) => void): () => void;
  /** A socket reached the server after none had (at start or after a loss), or the last one lost it. */
  onReachable(listener: (reachable: boolean) => void): () => void;
}

/** How the app opens the local modules of an account, and drops everything a previous account left. */
export interface LocalModules {
  openReplica(context: AccountContext): DirectoryReplicaPort;
  /** The documents see the replica: for roles (the local guard) and to keep the search index current. */
  openDocuments(context: AccountContext, directory: DirectoryReplicaPort): DocumentSyncPort;
  /** Removes every local copy (replica rows, documents, search index) of whoever used this device before. */
  purgeAll(db: LocalDatabase): Promise<void> | void;
}
