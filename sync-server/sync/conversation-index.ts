import { setIndexEntry } from '../../shared/sync/conversation-document';
import type { ConversationRow } from '../directory/conversation-rows';
import type { DocumentEditor } from './document-editor';

/** Lists a shared conversation in its project's document, written in its creator's name. */
export function addToConversationIndex(editor: DocumentEditor, row: ConversationRow): void {
  editor.edit({ kind: 'project', id: row.project_id }, row.created_by, (doc) => {
    setIndexEntry(doc, { id: row.id, title: row.title, createdBy: row.created_by, createdAt: row.created_at });
  });
}
