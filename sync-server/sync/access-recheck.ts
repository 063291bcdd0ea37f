import type { ChangeEvent } from '../changes/change-log';
import type { ConnectionRegistry } from './connection-registry';
import type { SyncConnection } from './sync-connection';

/** How long one slice of re-checks may run before sync traffic gets the process again. */
const sliceMs = 4;

/**
 * Re-checks the connections a committed directory change may affect, and only those: the change
 * marks them at once (a few set operations, whatever else is open), and they are re-checked in
 * short slices after the change's own request has been answered. A marked connection is also
 * re-checked before anything it sends is taken, so a lowered role refuses the very next write
 * however long the queue. Nothing the guard asks about as it judges an update (models, agents,
 * knowledge bases, invitations) needs a re-check: it reads them fresh each time.
 */
export class AccessRecheck {
  private readonly stale = new Set<SyncConnection>();
  private scheduled = false;
  /** Connections re-checked so far, for tests and monitoring. */
  regranted = 0;

  constructor(
    private readonly registry: ConnectionRegistry,
    /** The connections to one document, if it is in memory. */
    private readonly documentConnections: (kind: 'conversation' | 'workgroup', id: string) => Iterable<SyncConnection>,
    /** Re-resolves a connection's access, closing it when it has none left. */
    private readonly regrant: (connection: SyncConnection) => void,
    /** Whether a project, conversation or workgroup is still in the directory. */
    private readonly exists: (kind: 'project' | 'conversation' | 'workgroup', id: string) => boolean,
    /** What the organization's plan grants every connection now (undefined: the organization is gone). */
    private readonly planGrant: (orgId: string) => { readonly mayEnforceModelsAndTools: boolean } | undefined,
  ) {}

  /** Marks every connection the events may affect, and schedules their re-check. */
  changed(events: readonly ChangeEvent[]): void {
    for (const event of events) for (const connection of this.affected(event)) this.stale.add(connection);
    this.schedule();
  }

  private affected(event: ChangeEvent): Iterable<SyncConnection> {
    switch (event.kind) {
      case 'access':
      case 'user':
        return this.registry.ofUser(event.entityId);
      case 'api-key':
        return this.registry.ofCredential(`api-key:${event.entityId}`);
      // A project, conversation or workgroup that changed but is still there grants what it did:
      // roles come and go with access events of their own, and what the guard asks of settings it
      // reads fresh. One that is gone takes its documents' connections with it.
      case 'project':
        return this.exists('project', event.entityId) ? [] : this.registry.ofProject(event.entityId);
      case 'conversation':
      case 'workgroup':
        return this.exists(event.kind, event.entityId) ? [] : this.documentConnections(event.kind, event.entityId);
      case 'model':
      case 'agent':
      case 'invitation':
      case 'knowledge-base':
        return [];
      case 'organization':
        return this.ofChangedPlan(event.orgId);
      default:
        // Anything a later kind of change may mean: every connection of the organization.
        return this.registry.inOrganization(event.orgId);
    }
  }

  /**
   * A renamed organization grants what it did; a new plan changes grants only where what it allows
   * differs from what the connection was granted, and an organization that is gone takes them all.
   */
  private *ofChangedPlan(orgId: string): Iterable<SyncConnection> {
    const grant = this.planGrant(orgId);
    for (const connection of this.registry.inOrganization(orgId)) {
      if (grant === undefined || connection.grant.mayEnforceModelsAndTools !== grant.mayEnforceModelsAndTools) yield connection;
    }
  }

  /** Re-checks a marked connection now; false when it was closed for it. */
  current(connection: SyncConnection): boolean {
    if (!this.stale.delete(connection)) return true;
    this.regranted += 1;
    this.regrant(connection);
    return connection.isOpen;
  }

  private schedule(): void {
    if (this.scheduled || this.stale.size === 0) return;
    this.scheduled = true;
    setImmediate(() => this.slice());
  }

  private slice(): void {
    this.scheduled = false;
    const deadline = performance.now() + sliceMs;
    for (const connection of this.stale) {
      this.stale.delete(connection);
      if (!connection.isOpen) continue;
      this.regranted += 1;
      this.regrant(connection);
      if (performance.now() >= deadline) break;
    }
    this.schedule();
  }

  get waiting(): number {
    return this.stale.size;
  }

  forget(connection: SyncConnection): void {
    this.stale.delete(connection);
  }
}
