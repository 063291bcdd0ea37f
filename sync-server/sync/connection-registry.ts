import type { Principal } from '../http/principal';
import { RateLimiter } from './rate-limiter';
import type { SyncConnection } from './sync-connection';

export interface UserLimits {
  /** Messages one user may send over all their sockets, per second and in one burst. */
  readonly userMessagesPerSecond: number;
  readonly userMessageBurst: number;
  /** Bytes sent to one user in answer to requests, over all their connections. */
  readonly replyBytesPerSecond: number;
  readonly replyByteBurst: number;
  /** Presence states one user may hold at once, over all their connections. */
  readonly maxPresencePerUser: number;
}

/** What is kept per user over all their connections: the connections, their presence states, and the budgets they share. */
interface UserState {
  readonly connections: Set<SyncConnection>;
  presence: number;
  readonly messages: RateLimiter;
  readonly replyBytes: RateLimiter;
  /** Set once their last connection closed: the state goes once its budgets would be full again anyway. */
  forgetTimer: NodeJS.Timeout | undefined;
}

/** How long a user's shared budgets outlive their last connection, so that reconnecting does not refill them. */
const userStateLingerMs = 60_000;

/** The key of the credential a connection was opened with, as change events name it (`api-key` by key id). */
export function credentialKey(credential: Principal['credential']): string {
  switch (credential.kind) {
    case 'session':
      return `session:${credential.tokenHash}`;
    case 'api-key':
      return `api-key:${credential.keyId}`;
    case 'server':
      return 'server';
  }
}

function addTo<K>(index: Map<K, Set<SyncConnection>>, key: K, connection: SyncConnection): void {
  let set = index.get(key);
  if (!set) index.set(key, (set = new Set()));
  set.add(connection);
}

function removeFrom<K>(index: Map<K, Set<SyncConnection>>, key: K, connection: SyncConnection): void {
  const set = index.get(key);
  if (!set) return;
  set.delete(connection);
  if (set.size === 0) index.delete(key);
}

/**
 * Every open connection, found by what a directory change names: its user, the project its
 * document belongs to, the credential it was opened with. A change then reaches the connections it
 * may affect without a look at any other. Also what one user's connections share: presence states
 * and the budgets of messages and bytes.
 */
export class ConnectionRegistry {
  private readonly users = new Map<string, UserState>();
  private readonly projects = new Map<string, Set<SyncConnection>>();
  private readonly credentials = new Map<string, Set<SyncConnection>>();
  /** Per organization, the keys of the credentials its open connections were opened with. */
  private readonly organizations = new Map<string, Map<string, number>>();
  private readonly all = new Set<SyncConnection>();

  constructor(private readonly limits: UserLimits) {}

  add(connection: SyncConnection): void {
    this.all.add(connection);
    this.user(connection.userId).connections.add(connection);
    if (connection.grant.projectId !== undefined) addTo(this.projects, connection.grant.projectId, connection);
    const key = credentialKey(connection.grant.principal.credential);
    addTo(this.credentials, key, connection);
    let held = this.organizations.get(connection.grant.principal.orgId);
    if (!held) this.organizations.set(connection.grant.principal.orgId, (held = new Map()));
    held.set(key, (held.get(key) ?? 0) + 1);
  }

  remove(connection: SyncConnection): void {
    if (!this.all.delete(connection)) return;
    if (connection.grant.projectId !== undefined) removeFrom(this.projects, connection.grant.projectId, connection);
    const key = credentialKey(connection.grant.principal.credential);
    removeFrom(this.credentials, key, connection);
    const orgId = connection.grant.principal.orgId;
    const held = this.organizations.get(orgId);
    const count = (held?.get(key) ?? 0) - 1;
    if (count > 0) held?.set(key, count);
    else held?.delete(key);
    if (held?.size === 0) this.organizations.delete(orgId);
    const user = this.users.get(connection.userId);
    if (!user) return;
    user.connections.delete(connection);
    if (user.connections.size > 0) return;
    user.forgetTimer = setTimeout(() => {
      if (user.connections.size === 0 && this.users.get(connection.userId) === user) this.users.delete(connection.userId);
    }, userStateLingerMs);
    user.forgetTimer.unref();
  }

  ofUser(userId: string): Iterable<SyncConnection> {
    return this.users.get(userId)?.connections ?? [];
  }

  /** Connections to a project's document and to its conversations. */
  ofProject(projectId: string): Iterable<SyncConnection> {
    return this.projects.get(projectId) ?? [];
  }

  ofCredential(key: string): Iterable<SyncConnection> {
    return this.credentials.get(key) ?? [];
  }

  /**
   * One open connection per credential used in the organization: a device holds one credential,
   * so this reaches each signed-in app once, however many documents it has open.
   */
  *onePerCredential(orgId: string): Iterable<SyncConnection> {
    for (const key of this.organizations.get(orgId)?.keys() ?? []) {
      for (const connection of this.credentials.get(key) ?? []) {
        if (!connection.isOpen) continue;
        yield connection;
        break;
      }
    }
  }

  *inOrganization(orgId: string): Iterable<SyncConnection> {
    for (const connection of this.all) if (connection.grant.principal.orgId === orgId) yield connection;
  }

  get size(): number {
    return this.all.size;
  }

  /** Counts a message against its user's rate; false when they are over it. */
  admitMessage(userId: string): boolean {
    return this.user(userId).messages.take();
  }

  /** Counts bytes sent in answer to a user's requests; false when their budget is spent. */
  spendReply(userId: string, bytes: number): boolean {
    return this.user(userId).replyBytes.spend(bytes);
  }

  /** Counts one more presence state for the user; false when they hold as many as they may. */
  takePresence(userId: string): boolean {
    const user = this.user(userId);
    if (user.presence >= this.limits.maxPresencePerUser) return false;
    user.presence += 1;
    return true;
  }

  returnPresence(userId: string): void {
    const user = this.users.get(userId);
    if (user && user.presence > 0) user.presence -= 1;
  }

  private user(userId: string): UserState {
    let user = this.users.get(userId);
    if (!user) {
      user = {
        connections: new Set(),
        presence: 0,
        messages: new RateLimiter(this.limits.userMessagesPerSecond, this.limits.userMessageBurst),
        replyBytes: new RateLimiter(this.limits.replyBytesPerSecond, this.limits.replyByteBurst),
        forgetTimer: undefined,
      };
      this.users.set(userId, user);
    }
    if (user.forgetTimer !== undefined) {
      clearTimeout(user.forgetTimer);
      user.forgetTimer = undefined;
    }
    return user;
  }
}
