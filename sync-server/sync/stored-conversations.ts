import type { Message } from '../../shared/domain/message';
import { documentName } from '../../shared/sync/document-name';
import type { SqliteDatabase } from '../store/database';
import { DocumentStore } from './document-store';
import { readMessages } from '../../shared/sync/conversation-document';

/**
 * The messages of each conversation as the server has stored them, conversation after conversation
 * in the order given: read from storage, not from the documents in memory, so that an export holds
 * exactly what has been acknowledged to the people who wrote it.
 */
export function storedConversationMessages(db: SqliteDatabase, conversationIds: readonly string[]): Message[] {
  const store = new DocumentStore(db);
  return conversationIds.flatMap((id) => {
    const { doc } = store.load(documentName('conversation', id));
    try {
      return readMessages(doc).map((message): Message => ({ ...message, conversationId: id }));
    } finally {
      doc.destroy();
    }
  });
}
