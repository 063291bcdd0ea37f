import type { LocalMigration } from '../local-migration';

/**
 * The outbox of directory changes made offline, and the app's own small state: the signed-in
 * session (never its token, which lives in the secret store) and the user's settings.
 *
 * `seq` orders the replay; `account` ties each change to the server and user it was made as, so
 * signing in elsewhere never sends it to the wrong place. A settled change keeps its outcome.
 */
export const createOutboxTable: LocalMigration = {
  version: 3,
  name: 'create-outbox',
  up(db) {
    db.exec(`
      CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        account TEXT NOT NULL,
        endpoint TEXT NOT NULL,
        params TEXT NOT NULL,
        query TEXT NOT NULL,
        body TEXT,
        summary TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'applied', 'rejected')),
        error_code TEXT,
        error_message TEXT,
        error_field TEXT,
        created_at TEXT NOT NULL,
        settled_at TEXT,
        CHECK ((status = 'rejected') = (error_code IS NOT NULL))
      );
      CREATE INDEX outbox_by_account ON outbox (account, status, seq);

      CREATE TABLE app_session (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        mode TEXT NOT NULL CHECK (mode IN ('embedded', 'team')),
        server_url TEXT NOT NULL,
        account TEXT NOT NULL,
        user TEXT NOT NULL,
        organization TEXT NOT NULL,
        org_role TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );

      CREATE TABLE app_state (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
    `);
  },
};
