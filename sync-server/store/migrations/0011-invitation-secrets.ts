import type { Migration } from '../migration';

/**
 * Invitations carry a one-time secret, kept as its SHA-256 (`secret_hash`), and remember the
 * account that presented it (`claimed_by`), whose later sign-ins retry an acceptance the
 * invitation's state refused at first. Invitations still pending have no secret: nobody could
 * ever accept them, so they are revoked, and their senders invite again.
 */
export const addInvitationSecrets: Migration = {
  version: 11,
  name: 'invitation-secrets',
  up(db) {
    db.exec(`
      ALTER TABLE invitations ADD COLUMN secret_hash TEXT;
      ALTER TABLE invitations ADD COLUMN claimed_by TEXT REFERENCES users(id) ON DELETE SET NULL;
      CREATE UNIQUE INDEX invitations_by_secret ON invitations(secret_hash) WHERE secret_hash IS NOT NULL;
      CREATE INDEX invitations_by_claimant ON invitations(claimed_by, status) WHERE claimed_by IS NOT NULL;
      CREATE INDEX invitations_by_sender ON invitations(org_id, invited_by, status);
    `);
    db.prepare("UPDATE invitations SET status = 'revoked', resolved_at = ? WHERE status = 'pending'").run(new Date().toISOString());
  },
};
