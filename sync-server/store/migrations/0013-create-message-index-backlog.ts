import type { Migration } from '../migration';

/**
 * Conversations whose stored messages the search index and the agent runs have not caught up with:
 * marked in the transaction that stores a batch of their updates, cleared once the index has what
 * that batch stored. The index is brought up to date after the batch is sent, off the path of the
 * next message; a conversation still marked when the server starts is indexed again from storage.
 * No foreign key: a mark outlives a deleted conversation harmlessly, and storing a batch never
 * fails over one.
 */
export const createMessageIndexBacklog: Migration = {
  version: 13,
  name: 'create-message-index-backlog',
  up(db) {
    db.exec('CREATE TABLE message_index_backlog (conversation_id TEXT PRIMARY KEY)');
  },
};
