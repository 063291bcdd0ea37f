import { describe, expect, it } from 'vitest';
import type { OrgRole } from '../../../../shared/domain/roles';
import type { Subject } from '../../../../shared/policy/decide';
import type { OrgMemberChange } from '../../../../shared/policy/org-member-rules';
import { decideOrgMemberChange } from '../../../../shared/policy/org-member-rules';

const actor = (orgRole: OrgRole | undefined, orgId = 'org-1'): Subject => ({ userId: 'me', orgId, orgRole });

/* Who may make which change to the organization's membership: [actor role, change, allowed]. */
const expectations: readonly (readonly [OrgRole, OrgMemberChange, boolean])[] = [
  ['member', { kind: 'invite', role: 'member' }, false],
  ['admin', { kind: 'invite', role: 'member' }, true],
  ['admin', { kind: 'invite', role: 'admin' }, true],
  ['admin', { kind: 'invite', role: 'owner' }, false],
  ['owner', { kind: 'invite', role: 'owner' }, true],

  ['member', { kind: 'add', userId: 'x', role: 'member' }, false],
  ['admin', { kind: 'add', userId: 'x', role: 'admin' }, true],
  ['admin', { kind: 'add', userId: 'x', role: 'owner' }, false],
  ['owner', { kind: 'add', userId: 'x', role: 'owner' }, true],

  ['member', { kind: 'set-role', userId: 'x', currentRole: 'member', role: 'admin' }, false],
  ['admin', { kind: 'set-role', userId: 'x', currentRole: 'member', role: 'admin' }, true],
  ['admin', { kind: 'set-role', userId: 'x', currentRole: 'admin', role: 'member' }, true],
  ['admin', { kind: 'set-role', userId: 'x', currentRole: 'member', role: 'owner' }, false],
  ['admin', { kind: 'set-role', userId: 'x', currentRole: 'owner', role: 'admin' }, false],
  ['admin', { kind: 'set-role', userId: 'me', currentRole: 'admin', role: 'owner' }, false],
  ['admin', { kind: 'set-role', userId: 'me', currentRole: 'admin', role: 'member' }, true],
  ['owner', { kind: 'set-role', userId: 'x', currentRole: 'owner', role: 'member' }, true],
  ['owner', { kind: 'set-role', userId: 'x', currentRole: 'member', role: 'owner' }, true],

  ['member', { kind: 'remove', userId: 'x', currentRole: 'member' }, false],
  ['admin', { kind: 'remove', userId: 'x', currentRole: 'admin' }, true],
  ['admin', { kind: 'remove', userId: 'x', currentRole: 'owner' }, false],
  ['owner', { kind: 'remove', userId: 'x', currentRole: 'owner' }, true],

  ['member', { kind: 'remove', userId: 'me', currentRole: 'member' }, true],
  ['admin', { kind: 'remove', userId: 'me', currentRole: 'admin' }, true],
  ['owner', { kind: 'remove', userId: 'me', currentRole: 'owner' }, true],
];

describe('decideOrgMemberChange', () => {
  it.each(expectations)('org %s: %j allowed %s', (role, change, allowed) => {
    expect(decideOrgMemberChange(actor(role), 'org-1', change).allowed).toBe(allowed);
  });

  it('explains why an admin cannot touch an owner', () => {
    expect(
      decideOrgMemberChange(actor('admin'), 'org-1', { kind: 'remove', userId: 'x', currentRole: 'owner' }),
    ).toEqual({ allowed: false, code: 'forbidden', reason: 'Only organization owners can add, remove or change owners' });
  });

  it('uses the role reason when the role itself is missing', () => {
    expect(
      decideOrgMemberChange(actor('member'), 'org-1', { kind: 'remove', userId: 'x', currentRole: 'member' }),
    ).toEqual({ allowed: false, code: 'forbidden', reason: 'Organization members cannot remove members from the organization' });
  });

  it('refuses every change in another organization', () => {
    const foreignOwner = actor('owner', 'org-2');
    for (const [, change] of expectations) {
      expect(decideOrgMemberChange(foreignOwner, 'org-1', change)).toMatchObject({ allowed: false, code: 'not_found' });
    }
  });
});
