import type * as Y from 'yjs';
import { parseDocumentName } from '../../shared/sync/document-name';
import { readMessages } from '../../shared/sync/conversation-document';
import type { DocumentMessage } from '../../shared/sync/conversation-document';
import type { IndexedMessage } from '../replica/message-index';

/** A message as the search index holds it: its author's id is the user's, or the agent's that wrote it. */
function indexedMessage(message: DocumentMessage): IndexedMessage {
  return { id: message.id, author: message.author.kind === 'user' ? message.author.userId : message.author.agentId, createdAt: message.createdAt, text: message.content };
}

/** How long a conversation must be quiet before it is re-indexed: a streamed answer is indexed once, not per token. */
const settleMs = 400;

/** Keeps the local search index in step with conversation documents as they change. */
export class ConversationIndexer {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Conversations whose messages came before the replica knew them: indexed once it does. */
  private readonly waiting = new Set<string>();

  constructor(
    private readonly document: (name: string) => Y.Doc,
    private readonly index: (conversationId: string, messages: readonly IndexedMessage[]) => boolean,
  ) {}

  retryWaiting(): void {
    const names = [...this.waiting];
    this.waiting.clear();
    for (const name of names) this.changed(name);
  }

  changed(name: string): void {
    const parsed = parseDocumentName(name);
    if (parsed?.kind !== 'conversation') return;
    clearTimeout(this.timers.get(name));
    const timer = setTimeout(() => {
      this.timers.delete(name);
      try {
        if (!this.index(parsed.id, readMessages(this.document(name)).map(indexedMessage))) this.waiting.add(name);
      } catch {
        // The document was closed or purged meanwhile: there is nothing left to index.
      }
    }, settleMs);
    timer.unref();
    this.timers.set(name, timer);
  }

  stop(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
