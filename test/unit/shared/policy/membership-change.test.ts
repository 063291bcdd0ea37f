import { describe, expect, it } from 'vitest';
import type { OrgRole, ProjectRole } from '../../../../shared/domain/roles';
import type { MembershipFacts, MembershipRequest, MembershipTarget } from '../../../../shared/policy/membership-change';
import { decideMembershipChange } from '../../../../shared/policy/membership-change';

const orgId = 'org_1';
const project: MembershipTarget = { kind: 'project', id: 'prj_1' };
const workgroup: MembershipTarget = { kind: 'workgroup', id: 'wg_1' };
const organization: MembershipTarget = { kind: 'organization' };

function facts(overrides: Partial<MembershipFacts> & { actorOrgRole?: OrgRole | undefined } = {}): MembershipFacts {
  const { actorOrgRole = 'member', ...rest } = overrides;
  return {
    orgId,
    plan: 'enterprise',
    actor: { userId: 'usr_actor', orgId, orgRole: actorOrgRole },
    actorRole: 'owner',
    personId: 'usr_person',
    personOrgRole: 'member',
    members: [{ userId: 'usr_actor', role: 'owner' }],
    headcounts: [{ projectId: 'prj_1', members: 1, includesPerson: false }],
    ...rest,
  };
}

const as = (kind: 'direct' | 'invite' | 'accept', role: OrgRole | ProjectRole): MembershipRequest => ({ kind, role });

describe('decideMembershipChange', () => {
  it('adds, updates and leaves unchanged by the direct role the person holds', () => {
    expect(decideMembershipChange(facts(), project, as('direct', 'editor'))).toEqual({ allowed: true, outcome: 'added', joinsOrganization: false });
    const holding = facts({ members: [{ userId: 'usr_actor', role: 'owner' }, { userId: 'usr_person', role: 'viewer' }] });
    expect(decideMembershipChange(holding, project, as('direct', 'editor'))).toMatchObject({ allowed: true, outcome: 'updated' });
    expect(decideMembershipChange(holding, project, as('direct', 'viewer'))).toMatchObject({ allowed: true, outcome: 'unchanged' });
  });

  it("decides by the actor's role now: an editor manages no members, a departed sender's invitation no longer holds", () => {
    expect(decideMembershipChange(facts({ actorRole: 'editor' }), project, as('direct', 'viewer'))).toMatchObject({ allowed: false, code: 'forbidden' });
    expect(decideMembershipChange(facts({ actorOrgRole: undefined, actorRole: undefined }), project, as('accept', 'viewer'))).toEqual({
      allowed: false,
      code: 'forbidden',
      reason: 'This invitation no longer holds: the person who sent it may no longer give it',
    });
  });

  it('admits someone new to the organization only by the hand of an org admin or owner', () => {
    const newcomer = { personOrgRole: undefined };
    expect(decideMembershipChange(facts(newcomer), project, as('invite', 'viewer'))).toMatchObject({ allowed: false, code: 'forbidden' });
    expect(decideMembershipChange(facts(newcomer), project, as('accept', 'viewer'))).toMatchObject({ allowed: false, code: 'forbidden' });
    expect(decideMembershipChange(facts({ ...newcomer, actorOrgRole: 'admin' }), project, as('accept', 'viewer'))).toEqual({
      allowed: true,
      outcome: 'added',
      joinsOrganization: true,
    });
    expect(decideMembershipChange(facts(newcomer), project, as('direct', 'viewer'))).toMatchObject({ allowed: false, code: 'not_found' });
  });

  it('never lowers a role by invitation, and says so', () => {
    const owner = facts({ members: [{ userId: 'usr_person', role: 'owner' }], actorOrgRole: 'owner' });
    expect(decideMembershipChange(owner, workgroup, as('accept', 'viewer'))).toEqual({
      allowed: false,
      code: 'conflict',
      reason: 'You are already an owner of this workgroup, and an invitation never lowers a role',
    });
    expect(decideMembershipChange(owner, workgroup, as('accept', 'owner'))).toMatchObject({ allowed: true, outcome: 'unchanged' });
    const member = facts({ actorOrgRole: 'admin', members: [{ userId: 'usr_person', role: 'admin' }] });
    expect(decideMembershipChange(member, organization, as('accept', 'member'))).toMatchObject({ allowed: false, code: 'conflict' });
  });

  it('keeps the last owner, for a direct change and for a removal', () => {
    const last = facts({ actorOrgRole: 'owner', members: [{ userId: 'usr_person', role: 'owner' }] });
    expect(decideMembershipChange(last, project, as('direct', 'editor'))).toMatchObject({ allowed: false, code: 'conflict' });
    expect(decideMembershipChange(last, project, { kind: 'remove' })).toMatchObject({ allowed: false, code: 'conflict' });
    expect(decideMembershipChange(facts(), project, { kind: 'remove' })).toMatchObject({ allowed: false, code: 'not_found' });
  });

  it('counts every project the person would newly hold a role on against members per project', () => {
    const full = facts({
      plan: 'standard',
      headcounts: [
        { projectId: 'prj_1', members: 3, includesPerson: false },
        { projectId: 'prj_2', members: 10, includesPerson: false },
      ],
    });
    expect(decideMembershipChange(full, workgroup, as('direct', 'viewer'))).toEqual({
      allowed: false,
      code: 'plan_limit',
      reason: 'The standard plan allows 10 members per project',
      limit: 'membersPerProject',
    });
    const counted = facts({ plan: 'standard', headcounts: [{ projectId: 'prj_2', members: 10, includesPerson: true }] });
    expect(decideMembershipChange(counted, workgroup, as('direct', 'viewer')).allowed).toBe(true);
  });

  it('refuses an organization invitation for someone already in it', () => {
    expect(decideMembershipChange(facts({ actorOrgRole: 'admin' }), organization, as('invite', 'member'))).toMatchObject({ allowed: false, code: 'conflict' });
  });
});
