import type { MyRoles, SessionState } from '../../shared/app-api/app-api-contract';
import type { OrgAction } from '../../shared/policy/actions';
import type { ModelBadge } from '../../shared/domain/model-entry';
import type { KeyHolder } from '../../shared/policy/api-key-rules';
import { decideApiKeyMint } from '../../shared/policy/api-key-rules';
import { decideOrgAction } from '../../shared/policy/decide';
import { decideBadgeChange } from '../../shared/policy/model-badges';
import type { OrgMemberChange } from '../../shared/policy/org-member-rules';
import { decideOrgMemberChange } from '../../shared/policy/org-member-rules';
import { callerSubject } from './caller-subject';

/** Why the user may not take this organization action, or null when they may (a string keeps selectors stable). */
export function denialInOrg(session: SessionState | null, roles: MyRoles, action: OrgAction): string | null {
  const subject = callerSubject(session, roles);
  if (subject === null) return 'Sign in first';
  const decision = decideOrgAction(subject, action, { scope: 'org', orgId: subject.orgId });
  return decision.allowed ? null : decision.reason;
}

/** Why the user may not make this membership change (admins and owners, leaving), or null when they may. */
export function memberChangeDenial(session: SessionState | null, roles: MyRoles, change: OrgMemberChange): string | null {
  const subject = callerSubject(session, roles);
  if (subject === null) return 'Sign in first';
  const decision = decideOrgMemberChange(subject, subject.orgId, change);
  return decision.allowed ? null : decision.reason;
}

/** Why the user may not mint an API key acting as `holder`, or null when they may. */
export function apiKeyMintDenial(session: SessionState | null, roles: MyRoles, holder: KeyHolder): string | null {
  const subject = callerSubject(session, roles);
  if (subject === null) return 'Sign in first';
  const decision = decideApiKeyMint(subject, subject.orgId, holder);
  return decision.allowed ? null : decision.reason;
}

/** Why the user may not change a model's badges from `before` to `after`, or null when they may. */
export function badgeChangeDenial(session: SessionState | null, roles: MyRoles, before: readonly ModelBadge[], after: readonly ModelBadge[]): string | null {
  const subject = callerSubject(session, roles);
  if (subject === null) return 'Sign in first';
  const decision = decideBadgeChange(subject, before, after);
  return decision.allowed ? null : decision.reason;
}
