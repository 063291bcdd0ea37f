import * as Y from 'yjs';
import { MessageAuthor } from '../../shared/domain/message';
import type { IndexedMessage } from '../replica/message-index';

/** The messages of a conversation document as the search index holds them. */
export function messagesOf(doc: Y.Doc): IndexedMessage[] {
  const messages: IndexedMessage[] = [];
  for (const entry of doc.getArray<unknown>('messages')) {
    if (!(entry instanceof Y.Map)) continue;
    const id = entry.get('id');
    const createdAt = entry.get('createdAt');
    const author = MessageAuthor.safeParse(entry.get('author'));
    const content = entry.get('content');
    if (typeof id !== 'string' || typeof createdAt !== 'string' || !author.success) continue;
    messages.push({
      id,
      author: author.data.kind === 'user' ? author.data.userId : author.data.agentId,
      createdAt,
      text: content instanceof Y.Text ? content.toString() : '',
    });
  }
  return messages;
}
