import type { Migration } from '../migration';

/**
 * Before only org admins and owners could set the `verified` badge, any member could give it to
 * their own entry. Which badges an admin gave was not recorded, so the badge is kept only on
 * entries whose owner is an owner or admin of the organization now; an admin gives it back to
 * the others where it is deserved.
 */
export const dropSelfGivenVerifiedBadges: Migration = {
  version: 10,
  name: 'drop-self-given-verified-badges',
  up(db) {
    db.exec(`
      UPDATE models
      SET badges = (SELECT json_group_array(value) FROM json_each(models.badges) WHERE value <> 'verified')
      WHERE EXISTS (SELECT 1 FROM json_each(models.badges) WHERE value = 'verified')
        AND NOT EXISTS (
          SELECT 1 FROM org_members m WHERE m.org_id = models.org_id AND m.user_id = models.owner_id AND m.role IN ('owner', 'admin')
        );
    `);
  },
};
