import { describe, expect, it } from 'vitest';
import {
  WorkgroupMembership,
  WorkgroupMembershipUpsert,
} from '../../../../shared/domain/workgroup-membership';
import { created, expectUnknownFieldRefused, id, invalid, later, valid } from './fixtures';

const membership = {
  workgroupId: id('wg'),
  userId: id('usr'),
  role: 'editor',
  createdAt: created,
  updatedAt: later,
};

describe('WorkgroupMembership', () => {
  it('parses a valid membership', () => {
    expect(valid(WorkgroupMembership, membership)).toEqual(membership);
  });

  it('refuses unknown fields', () => {
    expectUnknownFieldRefused(WorkgroupMembership, membership);
  });

  it('takes project roles, not org roles', () => {
    expect(invalid(WorkgroupMembership, { ...membership, role: 'admin' })).toEqual({
      field: 'role',
      message: 'must be one of: viewer, member, editor, owner',
    });
  });
});

describe('WorkgroupMembershipUpsert', () => {
  it('parses a user and a role', () => {
    const upsert = { userId: id('usr'), role: 'viewer' };
    expect(valid(WorkgroupMembershipUpsert, upsert)).toEqual(upsert);
  });

  it('refuses unknown fields', () => {
    expectUnknownFieldRefused(WorkgroupMembershipUpsert, { userId: id('usr'), role: 'viewer' });
  });

  it('requires the role', () => {
    expect(invalid(WorkgroupMembershipUpsert, { userId: id('usr') })).toEqual({
      field: 'role',
      message: 'is required',
    });
  });
});
