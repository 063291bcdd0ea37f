import { describe, expect, it } from 'vitest';
import {
  ProjectMembership,
  ProjectMembershipUpdate,
  ProjectMembershipUpsert,
} from '../../../../shared/domain/project-membership';
import { created, expectUnknownFieldRefused, id, invalid, later, valid } from './fixtures';

const membership = {
  projectId: id('prj'),
  userId: id('usr'),
  role: 'viewer',
  createdAt: created,
  updatedAt: later,
};

describe('ProjectMembership', () => {
  it('parses a valid membership', () => {
    expect(valid(ProjectMembership, membership)).toEqual(membership);
  });

  it('refuses unknown fields', () => {
    expectUnknownFieldRefused(ProjectMembership, membership);
  });

  it('refuses a user id of the wrong kind', () => {
    expect(invalid(ProjectMembership, { ...membership, userId: id('org') })).toEqual({
      field: 'userId',
      message: 'must be an id of the form usr_ followed by 16 to 32 lowercase letters or digits',
    });
  });
});

describe('ProjectMembershipUpsert', () => {
  it('parses a user and a role', () => {
    const upsert = { userId: id('usr'), role: 'owner' };
    expect(valid(ProjectMembershipUpsert, upsert)).toEqual(upsert);
  });

  it('refuses unknown fields', () => {
    expectUnknownFieldRefused(ProjectMembershipUpsert, { userId: id('usr'), role: 'owner' });
  });

  it('refuses an unknown role', () => {
    expect(invalid(ProjectMembershipUpsert, { userId: id('usr'), role: 'guest' })).toEqual({
      field: 'role',
      message: 'must be one of: viewer, member, editor, owner',
    });
  });
});

describe('ProjectMembershipUpdate', () => {
  it('parses a role', () => {
    expect(valid(ProjectMembershipUpdate, { role: 'member' })).toEqual({ role: 'member' });
  });

  it('refuses unknown fields', () => {
    expectUnknownFieldRefused(ProjectMembershipUpdate, { role: 'member' });
  });
});
