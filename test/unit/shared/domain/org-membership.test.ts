import { describe, expect, it } from 'vitest';
import {
  OrgMembership,
  OrgMembershipUpdate,
  OrgMembershipUpsert,
} from '../../../../shared/domain/org-membership';
import { created, expectUnknownFieldRefused, id, invalid, valid, later } from './fixtures';

const membership = {
  orgId: id('org'),
  userId: id('usr'),
  role: 'admin',
  createdAt: created,
  updatedAt: later,
};

describe('OrgMembership', () => {
  it('parses a valid membership', () => {
    expect(valid(OrgMembership, membership)).toEqual(membership);
  });

  it('refuses unknown fields', () => {
    expectUnknownFieldRefused(OrgMembership, membership);
  });

  it('refuses a project role as an org role', () => {
    expect(invalid(OrgMembership, { ...membership, role: 'editor' })).toEqual({
      field: 'role',
      message: 'must be one of: member, admin, owner',
    });
  });
});

describe('OrgMembershipUpsert', () => {
  it('parses a user and a role', () => {
    const upsert = { userId: id('usr'), role: 'member' };
    expect(valid(OrgMembershipUpsert, upsert)).toEqual(upsert);
  });

  it('refuses unknown fields', () => {
    expectUnknownFieldRefused(OrgMembershipUpsert, { userId: id('usr'), role: 'member' });
  });

  it('requires the user', () => {
    expect(invalid(OrgMembershipUpsert, { role: 'member' })).toEqual({ field: 'userId', message: 'is required' });
  });
});

describe('OrgMembershipUpdate', () => {
  it('parses a role', () => {
    expect(valid(OrgMembershipUpdate, { role: 'owner' })).toEqual({ role: 'owner' });
  });

  it('refuses a user id, which the path already names', () => {
    expect(invalid(OrgMembershipUpdate, { role: 'owner', userId: id('usr') })).toEqual({
      field: 'userId',
      message: 'unknown field',
    });
  });
});
