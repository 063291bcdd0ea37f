import { describe, expect, it } from 'vitest';
import type { WorkgroupRole } from '../../../../shared/domain/roles';
import type { Membership } from '../../../../shared/policy/invariants';
import { checkWorkgroupMembershipChange } from '../../../../shared/policy/workgroup-membership-rules';

const soleOwner: Membership<WorkgroupRole>[] = [
  { userId: 'usr_a', role: 'owner' },
  { userId: 'usr_b', role: 'editor' },
];
const twoOwners: Membership<WorkgroupRole>[] = [...soleOwner, { userId: 'usr_c', role: 'owner' }];

describe('checkWorkgroupMembershipChange', () => {
  it('refuses to remove or demote the last owner, naming the workgroup', () => {
    for (const change of [
      { kind: 'remove', userId: 'usr_a' },
      { kind: 'set-role', userId: 'usr_a', role: 'editor' },
    ] as const) {
      const result = checkWorkgroupMembershipChange(soleOwner, change);
      expect(result).toEqual({
        ok: false,
        code: 'conflict',
        reason: 'The last owner of the workgroup cannot leave or be demoted; transfer ownership first',
      });
    }
  });

  it('lets an owner go when another owner stays', () => {
    expect(checkWorkgroupMembershipChange(twoOwners, { kind: 'remove', userId: 'usr_a' })).toEqual({ ok: true });
    expect(checkWorkgroupMembershipChange(twoOwners, { kind: 'set-role', userId: 'usr_a', role: 'viewer' })).toEqual({ ok: true });
  });

  it('allows changes to non-owners, keeping an owner an owner, and adding someone new', () => {
    expect(checkWorkgroupMembershipChange(soleOwner, { kind: 'remove', userId: 'usr_b' })).toEqual({ ok: true });
    expect(checkWorkgroupMembershipChange(soleOwner, { kind: 'set-role', userId: 'usr_a', role: 'owner' })).toEqual({ ok: true });
    expect(checkWorkgroupMembershipChange(soleOwner, { kind: 'set-role', userId: 'usr_new', role: 'owner' })).toEqual({ ok: true });
  });

  it('answers not found, naming the workgroup, when removing someone who is not a member', () => {
    expect(checkWorkgroupMembershipChange(soleOwner, { kind: 'remove', userId: 'usr_x' })).toEqual({
      ok: false,
      code: 'not_found',
      reason: 'This person is not a member of the workgroup',
    });
  });
});
