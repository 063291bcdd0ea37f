import * as Y from 'yjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { appendMessage } from '../../../../shared/sync/conversation-document';
import { ConversationIndexer } from '../../../../main/app/conversation-indexer';
import type { IndexedMessage } from '../../../../main/replica/message-index';

const name = 'conversation:cnv_indexerindexerindex';

function conversationDoc(text: string): Y.Doc {
  const doc = new Y.Doc();
  appendMessage(doc, { id: 'msg_indexerindexer0001', author: { kind: 'user', userId: 'usr_indexerindexer0001' }, createdAt: '2026-01-01T00:00:00.000Z', text });
  return doc;
}

describe('conversation indexer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('indexes once a burst of changes settles, and retries a conversation the replica did not know yet', () => {
    const doc = conversationDoc('streamed answer');
    const calls: IndexedMessage[][] = [];
    let known = false;
    const indexer = new ConversationIndexer(
      () => doc,
      (_id, messages) => {
        if (!known) return false;
        calls.push([...messages]);
        return true;
      },
    );
    for (let i = 0; i < 5; i++) indexer.changed(name);
    vi.advanceTimersByTime(1000);
    expect(calls).toEqual([]);

    known = true;
    indexer.retryWaiting();
    vi.advanceTimersByTime(1000);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.map((m) => m.text)).toEqual(['streamed answer']);

    indexer.retryWaiting();
    vi.advanceTimersByTime(1000);
    expect(calls).toHaveLength(1);
    indexer.stop();
  });

  it('ignores documents that are not conversations', () => {
    const seen: string[] = [];
    const indexer = new ConversationIndexer(
      () => new Y.Doc(),
      (id) => {
        seen.push(id);
        return true;
      },
    );
    indexer.changed('project:prj_indexerindexerindex');
    vi.advanceTimersByTime(1000);
    expect(seen).toEqual([]);
  });
});
