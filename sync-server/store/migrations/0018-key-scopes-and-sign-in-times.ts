import type { Migration } from '../migration';

/**
 * API keys carry scopes (space-separated `read write admin`); keys minted before scopes existed
 * keep every scope, so no integration stops working. Sessions record when their holder last
 * entered the password, which destructive structural changes need to be recent; a session opened
 * before counts from its opening, the sign-in that created it.
 */
export const addKeyScopesAndSignInTimes: Migration = {
  version: 18,
  name: 'key-scopes-and-sign-in-times',
  up(db) {
    db.exec(`
      ALTER TABLE api_keys ADD COLUMN scopes TEXT NOT NULL DEFAULT 'read write admin';
      ALTER TABLE sessions ADD COLUMN signed_in_at TEXT;
      UPDATE sessions SET signed_in_at = created_at;
    `);
  },
};
