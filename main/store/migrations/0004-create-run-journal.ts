import type { LocalMigration } from '../local-migration';

/**
 * The agent runs this device has started and not yet seen end. A run writes its answer into a
 * shared conversation as it streams; when the app closes half-way, the row is what is left to say
 * which answers were cut off, so the next start can close them instead of leaving them streaming.
 */
export const createRunJournalTable: LocalMigration = {
  version: 4,
  name: 'create-run-journal',
  up(db) {
    db.exec(`
      CREATE TABLE agent_runs_in_flight (
        message_id TEXT PRIMARY KEY,
        account TEXT NOT NULL,
        conversation_id TEXT NOT NULL,
        started_at TEXT NOT NULL
      );
      CREATE INDEX agent_runs_in_flight_by_account ON agent_runs_in_flight (account, started_at);
    `);
  },
};
