import * as Y from 'yjs';
import type { AppApiClient } from '../../shared/app-api/app-api-types';
import { fromBase64, toBase64 } from '../../shared/encoding/base64';

/** Marks updates that came from main, so they are not sent back. */
const fromMain = Symbol('from-main');

/**
 * A local Y.Doc kept in step with main's copy of one document: opened with `documents.open`,
 * local changes sent with `documents.update`, main's changes applied from `documents.updated`.
 */
export interface MirroredDocument {
  readonly name: string;
  readonly doc: Y.Doc;
  readonly generation: number;
  close(): void;
}

export async function openMirroredDocument(api: AppApiClient, name: string, onError: (message: string) => void): Promise<MirroredDocument | string> {
  const opened = await api['documents.open']({ name });
  if (!opened.ok) return opened.error.message;
  const doc = new Y.Doc();
  Y.applyUpdate(doc, fromBase64(opened.value.update), fromMain);
  let closed = false;
  const onUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin === fromMain || closed) return;
    void api['documents.update']({ name, update: toBase64(update) }).then((result) => {
      if (!result.ok) onError(result.error.message);
    });
  };
  doc.on('update', onUpdate);
  // Main's changes are applied from the moment the document is open, not from when a view takes it
  // over: an update that arrived in between would otherwise be lost until the next one.
  const stopListening = api.on('documents.updated', (event) => {
    if (event.name === name && !closed) Y.applyUpdate(doc, fromBase64(event.update), fromMain);
  });
  return {
    name,
    doc,
    generation: opened.value.state.generation,
    close() {
      closed = true;
      stopListening();
      doc.off('update', onUpdate);
      doc.destroy();
      void api['documents.close']({ name });
    },
  };
}
