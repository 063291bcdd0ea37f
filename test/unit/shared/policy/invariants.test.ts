import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ProjectRole } from '../../../../shared/domain/roles';
import { projectRoles } from '../../../../shared/domain/roles';
import type { Membership } from '../../../../shared/policy/invariants';
import {
  checkEntryDeletion,
  checkEntryRetirement,
  checkEntryVisibilityChange,
  checkMembershipChange,
  checkOrgMembershipChange,
  checkProjectDeletion,
  upsertMembership,
} from '../../../../shared/policy/invariants';

describe('the default project', () => {
  it('cannot be deleted; other projects can', () => {
    expect(checkProjectDeletion({ isDefault: true })).toEqual({
      ok: false,
      code: 'conflict',
      reason: 'The default project cannot be deleted',
    });
    expect(checkProjectDeletion({ isDefault: false })).toEqual({ ok: true });
  });
});

describe('checkMembershipChange', () => {
  const soleOwner: Membership<ProjectRole>[] = [
    { userId: 'ann', role: 'owner' },
    { userId: 'ben', role: 'editor' },
  ];
  const twoOwners: Membership<ProjectRole>[] = [...soleOwner, { userId: 'cat', role: 'owner' }];

  it('refuses removing or demoting the last owner', () => {
    const expected = {
      ok: false,
      code: 'conflict',
      reason: 'The last owner of the project cannot leave or be demoted; transfer ownership first',
    };
    expect(checkMembershipChange(soleOwner, { kind: 'remove', userId: 'ann' })).toEqual(expected);
    expect(checkMembershipChange(soleOwner, { kind: 'set-role', userId: 'ann', role: 'editor' })).toEqual(expected);
  });

  it('allows it once there is another owner', () => {
    expect(checkMembershipChange(twoOwners, { kind: 'remove', userId: 'ann' })).toEqual({ ok: true });
    expect(checkMembershipChange(twoOwners, { kind: 'set-role', userId: 'ann', role: 'viewer' })).toEqual({ ok: true });
  });

  it('allows changes to everyone else and keeping an owner an owner', () => {
    expect(checkMembershipChange(soleOwner, { kind: 'remove', userId: 'ben' })).toEqual({ ok: true });
    expect(checkMembershipChange(soleOwner, { kind: 'set-role', userId: 'ben', role: 'owner' })).toEqual({ ok: true });
    expect(checkMembershipChange(soleOwner, { kind: 'set-role', userId: 'ann', role: 'owner' })).toEqual({ ok: true });
  });

  it('treats setting a role on a newcomer as adding, and removing a stranger as not found', () => {
    expect(checkMembershipChange(soleOwner, { kind: 'set-role', userId: 'dan', role: 'viewer' })).toEqual({ ok: true });
    expect(checkMembershipChange(soleOwner, { kind: 'remove', userId: 'dan' })).toMatchObject({
      ok: false,
      code: 'not_found',
    });
  });

  it('never leaves a project that had an owner without one', () => {
    const memberArb = fc.uniqueArray(
      fc.record({ userId: fc.constantFrom('a', 'b', 'c', 'd'), role: fc.constantFrom(...projectRoles) }),
      { selector: (member) => member.userId },
    );
    const changeArb = fc.oneof(
      fc.record({ kind: fc.constant('remove' as const), userId: fc.constantFrom('a', 'b', 'c', 'd') }),
      fc.record({
        kind: fc.constant('set-role' as const),
        userId: fc.constantFrom('a', 'b', 'c', 'd'),
        role: fc.constantFrom(...projectRoles),
      }),
    );
    fc.assert(
      fc.property(memberArb, changeArb, (members, change) => {
        if (!members.some((member) => member.role === 'owner')) return;
        if (!checkMembershipChange(members, change).ok) return;
        const after =
          change.kind === 'remove'
            ? members.filter((member) => member.userId !== change.userId)
            : upsertMembership(members, { userId: change.userId, role: change.role }).members;
        expect(after.some((member) => member.role === 'owner')).toBe(true);
      }),
    );
  });
});

describe('checkOrgMembershipChange', () => {
  it('refuses removing or demoting the last org owner', () => {
    const members = [
      { userId: 'ann', role: 'owner' },
      { userId: 'ben', role: 'admin' },
    ] as const;
    expect(checkOrgMembershipChange(members, { kind: 'remove', userId: 'ann' })).toEqual({
      ok: false,
      code: 'conflict',
      reason: 'The last owner of the organization cannot leave or be demoted; transfer ownership first',
    });
    expect(checkOrgMembershipChange(members, { kind: 'set-role', userId: 'ann', role: 'admin' })).toMatchObject({
      code: 'conflict',
    });
    expect(checkOrgMembershipChange(members, { kind: 'remove', userId: 'ben' })).toEqual({ ok: true });
    expect(
      checkOrgMembershipChange([...members, { userId: 'cat', role: 'owner' }], { kind: 'remove', userId: 'ann' }),
    ).toEqual({ ok: true });
  });
});

describe('upsertMembership', () => {
  const members: Membership<ProjectRole>[] = [
    { userId: 'ann', role: 'owner' },
    { userId: 'ben', role: 'viewer' },
  ];

  it('adds a newcomer at the end', () => {
    expect(upsertMembership(members, { userId: 'cat', role: 'member' })).toEqual({
      members: [...members, { userId: 'cat', role: 'member' }],
      outcome: 'added',
    });
  });

  it('updates the role of an existing member in place instead of adding them twice', () => {
    expect(upsertMembership(members, { userId: 'ben', role: 'editor' })).toEqual({
      members: [
        { userId: 'ann', role: 'owner' },
        { userId: 'ben', role: 'editor' },
      ],
      outcome: 'updated',
    });
    expect(upsertMembership(members, { userId: 'ben', role: 'viewer' })).toEqual({ members, outcome: 'unchanged' });
  });

  it('does not change the list it was given', () => {
    const before = structuredClone(members);
    upsertMembership(members, { userId: 'ben', role: 'owner' });
    upsertMembership(members, { userId: 'dan', role: 'owner' });
    expect(members).toEqual(before);
  });

  it('always leaves each user once, with the upserted role', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.record({ userId: fc.constantFrom('a', 'b', 'c'), role: fc.constantFrom(...projectRoles) }),
          { selector: (member) => member.userId },
        ),
        fc.constantFrom('a', 'b', 'c', 'd'),
        fc.constantFrom(...projectRoles),
        (list, userId, role) => {
          const { members: after, outcome } = upsertMembership(list, { userId, role });
          expect(after.filter((member) => member.userId === userId)).toEqual([{ userId, role }]);
          expect(new Set(after.map((member) => member.userId)).size).toBe(after.length);
          expect(after.length).toBe(list.length + (outcome === 'added' ? 1 : 0));
          expect(outcome === 'added').toBe(!list.some((member) => member.userId === userId));
        },
      ),
    );
  });
});

describe('the default agent', () => {
  const defaultAgent = { isDefaultAgent: true };
  const other = { isDefaultAgent: false };

  it('cannot be deleted or retired', () => {
    expect(checkEntryDeletion(defaultAgent)).toEqual({
      ok: false,
      code: 'conflict',
      reason: 'The default agent cannot be deleted',
    });
    expect(checkEntryRetirement(defaultAgent)).toEqual({
      ok: false,
      code: 'conflict',
      reason: 'The default agent cannot be retired',
    });
    expect(checkEntryDeletion(other)).toEqual({ ok: true });
    expect(checkEntryRetirement(other)).toEqual({ ok: true });
  });

  it('cannot be made less visible than public', () => {
    expect(checkEntryVisibilityChange(defaultAgent, { level: 'private' })).toMatchObject({ ok: false, code: 'conflict' });
    expect(checkEntryVisibilityChange(defaultAgent, { level: 'project', projectId: 'p1' })).toMatchObject({ ok: false });
    expect(checkEntryVisibilityChange(defaultAgent, { level: 'workgroup', workgroupId: 'w1' })).toMatchObject({
      ok: false,
    });
    expect(checkEntryVisibilityChange(defaultAgent, { level: 'public' })).toEqual({ ok: true });
    expect(checkEntryVisibilityChange(other, { level: 'private' })).toEqual({ ok: true });
  });
});
