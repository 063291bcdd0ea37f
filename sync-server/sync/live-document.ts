import type * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import type { DocumentName } from '../../shared/sync/document-name';
import { conversationIndex } from '../../shared/sync/conversation-document';
import { MessageChanges } from './message-changes';
import type { SyncConnection } from './sync-connection';

/** A document held in memory while anyone uses it, with who is connected and what waits to be stored. */
export class LiveDocument {
  readonly awareness: Awareness;
  readonly connections = new Set<SyncConnection>();
  /** Updates applied in memory and waiting for the next durable batch, with the connection that sent each. */
  pending: { update: Uint8Array; sender: SyncConnection | undefined; userId: string | null }[] = [];
  /**
   * Client ids held by presence alone, with the connection holding each: never bound for good, and
   * let go when that connection closes. Nobody else may write or be present under them meanwhile.
   */
  readonly presence = new Map<number, SyncConnection>();
  /** Client ids bound to users since the last batch, stored with it. */
  newBindings: { client: number; userId: string }[] = [];
  /** Replies that must wait until what they describe is on disk. */
  afterFlush: (() => void)[] = [];
  updatesSinceSnapshot: number;
  idleTimer: NodeJS.Timeout | undefined;
  /** Conversation ids in a project document's index, to tell which ones a batch removed. */
  indexKeys: Set<string>;
  /** In a conversation document, the messages changed since the last stored batch. */
  readonly messageChanges: MessageChanges | undefined;

  constructor(
    readonly name: string,
    readonly parsed: DocumentName,
    readonly doc: Y.Doc,
    /** Which user each Yjs client id writes for in this document. */
    readonly clients: Map<number, string>,
    storedUpdates: number,
  ) {
    this.awareness = new Awareness(doc);
    this.awareness.setLocalState(null);
    this.updatesSinceSnapshot = storedUpdates;
    this.indexKeys = parsed.kind === 'project' ? new Set(conversationIndex(doc).keys()) : new Set();
    this.messageChanges = parsed.kind === 'conversation' ? MessageChanges.of(doc) : undefined;
  }

  /** The user a client id writes for here: bound for good by what it wrote, or held by someone's presence. */
  ownerOf(client: number): string | undefined {
    return this.clients.get(client) ?? this.presence.get(client)?.userId;
  }

  bind(client: number, userId: string): void {
    if (this.clients.has(client)) return;
    this.clients.set(client, userId);
    this.newBindings.push({ client, userId });
  }

  destroy(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.awareness.destroy();
    this.doc.destroy();
  }
}
