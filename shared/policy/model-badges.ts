import type { ModelBadge } from '../domain/model-entry';
import type { Decision } from './decision';
import { allow } from './decision';
import type { Subject } from './decide';
import { decideOrgAction } from './decide';

/**
 * Badges that vouch for an entry to everyone else, so the entry's owner cannot give them to it:
 * only org admins and owners set them. The others (experimental, fine-tuned, quantized) describe
 * the model and are its owner's to set.
 */
export const grantedBadges: readonly ModelBadge[] = ['verified'];

/**
 * Whether `actor` may change an entry's badges from `before` to `after` (`[]` for a new entry).
 * Keeping or dropping a granted badge is anyone's who may edit the entry; adding one is not.
 */
export function decideBadgeChange(actor: Subject, before: readonly ModelBadge[], after: readonly ModelBadge[]): Decision {
  const added = after.filter((badge) => grantedBadges.includes(badge) && !before.includes(badge));
  return added.length === 0 ? allow : decideOrgAction(actor, 'registry.model.verify', { scope: 'org', orgId: actor.orgId });
}
