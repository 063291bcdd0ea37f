import type { LocalDatabase } from '../store/local-database';

/** A run this device started, as the journal keeps it until the run ends. */
export interface JournaledRun {
  /** The account the run was started as: another account signed in here never touches it. */
  readonly account: string;
  readonly conversationId: string;
  readonly messageId: string;
  readonly startedAt: string;
}

/** The agent runs in flight on this device, on disk, so that a run cut off by a crash is known at the next start. */
export interface RunJournal {
  started(run: JournaledRun): void;
  ended(messageId: string): void;
  /** The account's runs that never ended, oldest first. */
  unfinished(account: string): JournaledRun[];
}

interface RunRow {
  message_id: string;
  account: string;
  conversation_id: string;
  started_at: string;
}

export function createRunJournal(db: LocalDatabase): RunJournal {
  const insert = db.prepare('INSERT OR REPLACE INTO agent_runs_in_flight (message_id, account, conversation_id, started_at) VALUES (?, ?, ?, ?)');
  const remove = db.prepare('DELETE FROM agent_runs_in_flight WHERE message_id = ?');
  const select = db.prepare('SELECT message_id, account, conversation_id, started_at FROM agent_runs_in_flight WHERE account = ? ORDER BY started_at, message_id');
  return {
    started: (run) => void insert.run(run.messageId, run.account, run.conversationId, run.startedAt),
    ended: (messageId) => void remove.run(messageId),
    unfinished: (account) =>
      (select.all(account) as RunRow[]).map((row) => ({ account: row.account, conversationId: row.conversation_id, messageId: row.message_id, startedAt: row.started_at })),
  };
}
