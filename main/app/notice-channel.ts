import { documentName } from '../../shared/sync/document-name';
import type { DirectoryReplicaPort, DocumentSyncPort } from './ports';

/**
 * Keeps one readable document open while the account is active, so that the server always holds a
 * socket of this app on which to say that the change feed advanced (message 102), whatever is open
 * on screen: a project's document, else a workgroup's. When the held one is no longer readable
 * (a role or project gone), another is taken.
 */
export class NoticeChannel {
  private held: string | undefined;
  private stopped = false;

  constructor(
    private readonly replica: DirectoryReplicaPort,
    private readonly documents: DocumentSyncPort,
    private readonly log: (message: string, error: unknown) => void,
  ) {}

  /** The document it keeps open, if any. */
  get document(): string | undefined {
    return this.held;
  }

  /** Re-decides which document to hold, after the replica or the roles changed. */
  update(): void {
    if (this.stopped) return;
    const candidates = this.candidates();
    if (this.held !== undefined && candidates.includes(this.held)) return;
    this.release();
    const next = candidates[0];
    if (next === undefined) return;
    this.held = next;
    this.documents.open(next).catch((error: unknown) => {
      if (this.held === next) this.held = undefined;
      this.log('Opening the document that carries change notices failed.', error);
    });
  }

  stop(): void {
    this.stopped = true;
    this.release();
  }

  private candidates(): string[] {
    return [
      ...this.replica
        .list('project')
        .map((project) => documentName('project', project.id))
        .sort(),
      ...Object.keys(this.replica.myRoles().workgroups)
        .map((id) => documentName('workgroup', id))
        .sort(),
    ];
  }

  private release(): void {
    const held = this.held;
    this.held = undefined;
    if (held !== undefined) this.documents.close(held).catch(() => undefined);
  }
}
