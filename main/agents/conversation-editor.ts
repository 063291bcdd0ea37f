import * as Y from 'yjs';

/** The documents as the sync client holds them: the live copy, and the path every local edit takes. */
export interface ConversationDocuments {
  /** The live document, kept current by the sync client. */
  document(name: string): Y.Doc;
  /** A local edit as a Yjs update: checked, stored on this machine, then sent. */
  update(name: string, update: Uint8Array): void;
}

/**
 * Edits one conversation the way the renderer does: on a copy of the document, handing each
 * change to the sync client as an update. So a run's edits are checked by the local guard and
 * stored before they are sent, exactly like a person's, and a refusal reaches the run as an error.
 */
export class ConversationEditor {
  private readonly copy = new Y.Doc();

  constructor(
    private readonly documents: ConversationDocuments,
    readonly name: string,
  ) {
    this.catchUp();
  }

  /** The copy, brought up to date with the live document. */
  read(): Y.Doc {
    this.catchUp();
    return this.copy;
  }

  edit(change: (doc: Y.Doc) => void): void {
    this.catchUp();
    const before = Y.encodeStateVector(this.copy);
    this.copy.transact(() => change(this.copy));
    const update = Y.encodeStateAsUpdate(this.copy, before);
    this.documents.update(this.name, update);
  }

  dispose(): void {
    this.copy.destroy();
  }

  private catchUp(): void {
    const live = this.documents.document(this.name);
    Y.applyUpdate(this.copy, Y.encodeStateAsUpdate(live, Y.encodeStateVector(this.copy)));
  }
}
