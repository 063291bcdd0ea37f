import * as Y from 'yjs';
import { messagesArray } from './stored-messages';

/**
 * Which messages of a conversation document changed since the server last stored a batch of it,
 * noted as updates are applied. What the server derives from messages (agent runs, the message
 * search index) is then brought up to date message by message, instead of by reading the whole
 * conversation each time a streamed answer grows by a few words.
 */
export class MessageChanges {
  private changed = new Set<Y.Map<unknown>>();
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
    return new MessageChanges(messagesArray(doc));
  }

  private note(event: Y.YEvent<Y.AbstractType<unknown>>): void {
    if (event.target === this.messages) {
      for (const item of event.changes.added) {
        for (const content of item.content.getContent()) if (content instanceof Y.Map) this.changed.add(content as Y.Map<unknown>);
      }
      if (event.changes.deleted.size > 0) this.removed = true;
      return;
    }
    // A field, the text or a rating of a message: the message is the ancestor directly in the array.
    let type: Y.AbstractType<unknown> | null = event.target;
    while (type !== null && type.parent !== this.messages) type = type.parent;
    if (type instanceof Y.Map) this.changed.add(type as Y.Map<unknown>);
  }

  /** The messages changed since the last call (those still in the document), and whether any were removed; then forgets them. */
  take(): { readonly changed: Y.Map<unknown>[]; readonly removed: boolean } {
    const changed = [...this.changed].filter((message) => message._item?.deleted !== true);
    const removed = this.removed;
    this.changed = new Set();
    this.removed = false;
    return { changed, removed };
  }
}
