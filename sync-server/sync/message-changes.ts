import * as Y from 'yjs';
import { deletedFrom, itemsAddedTo } from '../../shared/sync/yjs-internals';
import { messageList } from '../../shared/sync/conversation-document';

/**
 * Which messages of a conversation document changed since the server last stored a batch of it,
 * noted as updates are applied. What the server derives from messages (agent runs, the message
 * search index) is then brought up to date message by message, instead of by reading the whole
 * conversation each time a streamed answer grows by a few words.
 */
export class MessageChanges {
  /** Each message changed, with when the server stored its changes (undefined until it has). */
  private changed = new Map<Y.Map<unknown>, number | undefined>();
  private removed = false;
  /**
   * When the server stored each agent answer it saw still streaming, by its own clock: where the
   * run's duration starts. Kept only while the document is in memory.
   */
  readonly streamingSince = new Map<string, number>();

  constructor(private readonly messages: Y.Array<unknown>) {
    messages.observeDeep((events) => {
      for (const event of events) this.note(event);
    });
  }

  static of(doc: Y.Doc): MessageChanges {
    return new MessageChanges(messageList(doc));
  }

  private note(event: Y.YEvent<Y.AbstractType<unknown>>): void {
    if (event.target === this.messages) {
      // Read from the clocks the transaction wrote, not from `event.changes`, which walks every
      // message of the conversation on each update.
      for (const item of itemsAddedTo(event.transaction, this.messages)) {
        for (const content of item.content.getContent()) if (content instanceof Y.Map) this.changed.set(content as Y.Map<unknown>, undefined);
      }
      if (deletedFrom(event.transaction, this.messages)) this.removed = true;
      return;
    }
    // A field, the text or a rating of a message: the message is the ancestor directly in the array.
    let type: Y.AbstractType<unknown> | null = event.target;
    while (type !== null && type.parent !== this.messages) type = type.parent;
    if (type instanceof Y.Map) this.changed.set(type as Y.Map<unknown>, undefined);
  }

  /**
   * Notes that the changes seen so far are stored, at `at` (the server's clock): what the runs are
   * timed by, though they are recorded later. An answer seen streaming starts its run here.
   */
  stored(at: number): void {
    for (const [message, storedAt] of this.changed) {
      if (storedAt !== undefined) continue;
      this.changed.set(message, at);
      const id = message.get('id');
      if (typeof id === 'string' && message.get('status') === 'streaming' && !this.streamingSince.has(id)) this.streamingSince.set(id, at);
    }
  }

  /**
   * The messages changed since the last call (those still in the document) with when each was
   * stored, and whether any were removed; then forgets them.
   */
  take(): { readonly changed: Y.Map<unknown>[]; readonly storedAt: ReadonlyMap<Y.Map<unknown>, number>; readonly removed: boolean } {
    const changed = [...this.changed.keys()].filter((message) => message._item?.deleted !== true);
    const storedAt = new Map<Y.Map<unknown>, number>();
    for (const [message, at] of this.changed) if (at !== undefined) storedAt.set(message, at);
    const removed = this.removed;
    this.changed = new Map();
    this.removed = false;
    return { changed, storedAt, removed };
  }
}
