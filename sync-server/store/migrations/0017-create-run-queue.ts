import type { Migration } from '../migration';

/**
 * Agent runs the server answers, queued until a worker takes them within the organization's and
 * the connection's concurrency limits. A run is `waiting`, then `running`, then ended; one found
 * `running` when the server starts was cut off by a crash and is ended as failed.
 */
export const createRunQueue: Migration = {
  version: 17,
  name: 'create-run-queue',
  up(db) {
    db.exec(`
      CREATE TABLE run_queue (
        id TEXT PRIMARY KEY,
        org_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        project_id TEXT NOT NULL,
        conversation_id TEXT NOT NULL,
        message_id TEXT NOT NULL,
        agent_id TEXT NOT NULL,
        model_id TEXT NOT NULL,
        connection_id TEXT,
        requested_by TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('waiting', 'running', 'complete', 'failed', 'cancelled')),
        cancel_requested INTEGER NOT NULL DEFAULT 0,
        error TEXT,
        enqueued_at TEXT NOT NULL,
        started_at TEXT,
        ended_at TEXT
      );
      CREATE INDEX run_queue_open ON run_queue(state, enqueued_at) WHERE state IN ('waiting', 'running');
      CREATE INDEX run_queue_by_conversation ON run_queue(conversation_id, enqueued_at);
    `);
  },
};
