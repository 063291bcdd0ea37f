import type * as Y from 'yjs';
import type { DocumentName } from '../../shared/sync/document-name';
import { ApiError } from '../http/api-error';

/**
 * How REST handlers change shared documents: through the server's live copy, so that connected
 * clients see the change at once and REST and the document never disagree.
 */
export interface DocumentEditor {
  /** Applies `edit` for `userId`, stores it, and broadcasts it once the current transaction commits. */
  edit(name: DocumentName, userId: string, edit: (doc: Y.Doc) => void): void;
  /**
   * As `edit`, for content a person writes or an agent answers for them: only if the update guard
   * accepts it with `userId`'s rights now, as from their own socket; else `DocumentEditRefused`.
   */
  editAs(name: DocumentName, userId: string, edit: (doc: Y.Doc) => void): void;
  /**
   * Deletes a document for good, as its conversation, project or workgroup is deleted: its stored
   * updates go in the current transaction, and once that commits its sockets close as for a
   * document that does not exist.
   */
  forget(name: DocumentName): void;
  /**
   * Brings what the server derives from messages (the search index, agent runs), which follows
   * stored updates in the background, up to date with them: call before reading it.
   */
  settle(): void;
}

/** The update guard refused an edit the server was to make for a user; nothing was applied. A request making it answers 403. */
export class DocumentEditRefused extends ApiError {
  constructor(readonly reason: string) {
    super('forbidden', `The change was refused: ${reason}.`);
  }
}

/** Sets the given settings in a document's `settings` map, touching only the ones that change. */
export function writeSettings(editor: DocumentEditor, name: DocumentName, userId: string, values: Readonly<Record<string, unknown>>): void {
  editor.edit(name, userId, (doc) => {
    const settings = doc.getMap('settings');
    for (const [key, value] of Object.entries(values)) {
      if (JSON.stringify(settings.get(key)) !== JSON.stringify(value)) settings.set(key, value);
    }
  });
}
