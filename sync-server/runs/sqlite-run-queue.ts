import type { SqliteDatabase } from '../store/database';
import { newEntityId } from '../../shared/domain/new-entity-id';
import type { QueuedRun, QueuedRunState, RunQueue } from './run-queue';

interface RunRow {
  id: string;
  org_id: string;
  project_id: string;
  conversation_id: string;
  message_id: string;
  agent_id: string;
  model_id: string;
  connection_id: string | null;
  requested_by: string;
  state: QueuedRunState;
  cancel_requested: number;
  error: string | null;
  enqueued_at: string;
  started_at: string | null;
  ended_at: string | null;
}

function toRun(row: RunRow): QueuedRun {
  return {
    id: row.id,
    orgId: row.org_id,
    projectId: row.project_id,
    conversationId: row.conversation_id,
    messageId: row.message_id,
    agentId: row.agent_id,
    modelId: row.model_id,
    connectionId: row.connection_id,
    requestedBy: row.requested_by,
    state: row.state,
    cancelRequested: row.cancel_requested === 1,
    error: row.error,
    enqueuedAt: row.enqueued_at,
    startedAt: row.started_at,
    endedAt: row.ended_at,
  };
}

/**
 * The queue in the server's SQLite file, with in-process wake-ups: the embedded and single-host
 * server's queue. Each change is its own transaction, durable before it is answered.
 */
export function createSqliteRunQueue(options: { readonly db: SqliteDatabase; readonly now: () => Date }): RunQueue {
  const { db } = options;
  const listeners = new Set<() => void>();
  const ready = () => {
    for (const listener of [...listeners]) listener();
  };
  const byId = db.prepare<[string, string], RunRow>('SELECT * FROM run_queue WHERE org_id = ? AND id = ?');
  const at = () => options.now().toISOString();

  const claim = db.transaction((perOrganization: number, perConnection: number): RunRow | undefined => {
    // The oldest waiting run whose organization, and connection if any, have a free slot.
    const row = db
      .prepare<[number, number], RunRow>(
        `SELECT w.* FROM run_queue w
         WHERE w.state = 'waiting'
           AND (SELECT count(*) FROM run_queue r WHERE r.state = 'running' AND r.org_id = w.org_id) < ?
           AND (w.connection_id IS NULL
                OR (SELECT count(*) FROM run_queue r WHERE r.state = 'running' AND r.connection_id = w.connection_id) < ?)
         ORDER BY w.enqueued_at, w.rowid
         LIMIT 1`,
      )
      .get(perOrganization, perConnection);
    if (row === undefined) return undefined;
    const startedAt = at();
    db.prepare("UPDATE run_queue SET state = 'running', started_at = ? WHERE id = ?").run(startedAt, row.id);
    return { ...row, state: 'running', started_at: startedAt };
  });

  return {
    async enqueue(request) {
      const row: RunRow = {
        id: newEntityId('run'),
        org_id: request.orgId,
        project_id: request.projectId,
        conversation_id: request.conversationId,
        message_id: request.messageId,
        agent_id: request.agentId,
        model_id: request.modelId,
        connection_id: request.connectionId,
        requested_by: request.requestedBy,
        state: 'waiting',
        cancel_requested: 0,
        error: null,
        enqueued_at: at(),
        started_at: null,
        ended_at: null,
      };
      db.prepare(
        `INSERT INTO run_queue (id, org_id, project_id, conversation_id, message_id, agent_id, model_id, connection_id, requested_by, state, enqueued_at)
         VALUES (@id, @org_id, @project_id, @conversation_id, @message_id, @agent_id, @model_id, @connection_id, @requested_by, @state, @enqueued_at)`,
      ).run(row);
      queueMicrotask(ready);
      return toRun(row);
    },

    async claim(limits) {
      const row = claim.immediate(limits.perOrganization, limits.perConnection);
      return row === undefined ? null : toRun(row);
    },

    async finish(id, end) {
      const changed = db
        .prepare("UPDATE run_queue SET state = ?, error = ?, ended_at = ? WHERE id = ? AND state = 'running'")
        .run(end.state, end.state === 'failed' ? end.error : null, at(), id).changes;
      if (changed > 0) queueMicrotask(ready);
      return changed > 0;
    },

    async cancel(orgId, id) {
      const row = byId.get(orgId, id);
      if (row === undefined || (row.state !== 'waiting' && row.state !== 'running')) return null;
      if (row.state === 'waiting') db.prepare("UPDATE run_queue SET state = 'cancelled', ended_at = ? WHERE id = ? AND state = 'waiting'").run(at(), id);
      else db.prepare('UPDATE run_queue SET cancel_requested = 1 WHERE id = ?').run(id);
      const after = byId.get(orgId, id);
      return after === undefined ? null : toRun(after);
    },

    async get(orgId, id) {
      const row = byId.get(orgId, id);
      return row === undefined ? null : toRun(row);
    },

    async open(conversationId) {
      return db
        .prepare<[string], RunRow>("SELECT * FROM run_queue WHERE conversation_id = ? AND state IN ('waiting', 'running') ORDER BY enqueued_at, rowid")
        .all(conversationId)
        .map(toRun);
    },

    async failInterrupted(error) {
      const ended = db.transaction(() => {
        const rows = db.prepare<[], RunRow>("SELECT * FROM run_queue WHERE state = 'running'").all();
        const endedAt = at();
        db.prepare("UPDATE run_queue SET state = 'failed', error = ?, ended_at = ? WHERE state = 'running'").run(error, endedAt);
        return rows.map((row) => toRun({ ...row, state: 'failed', error, ended_at: endedAt }));
      })();
      return ended;
    },

    onReady(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
