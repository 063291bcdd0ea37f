import * as Y from 'yjs';
import type { ConversationRow } from '../directory/conversation-rows';
import type { DocumentEditor } from './document-editor';

/** Lists a shared conversation in its project's document, written in its creator's name. */
export function addToConversationIndex(editor: DocumentEditor, row: ConversationRow): void {
  editor.edit({ kind: 'project', id: row.project_id }, row.created_by, (doc) => {
    const entry = new Y.Map<unknown>();
    doc.getMap('conversations').set(row.id, entry);
    entry.set('id', row.id);
    entry.set('title', row.title);
    entry.set('kind', 'shared');
    entry.set('createdBy', row.created_by);
    entry.set('createdAt', row.created_at);
  });
}
