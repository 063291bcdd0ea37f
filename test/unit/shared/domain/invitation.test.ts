import { describe, expect, it } from 'vitest';
import { Invitation, InvitationCreate, InvitationTarget } from '../../../../shared/domain/invitation';
import { created, expectUnknownFieldRefused, id, invalid, valid } from './fixtures';

const invitation = {
  id: id('inv'),
  orgId: id('org'),
  email: 'new.hire@example.com',
  target: { kind: 'project', projectId: id('prj'), role: 'editor' },
  status: 'pending',
  invitedBy: id('usr'),
  createdAt: created,
};

describe('InvitationTarget', () => {
  it.each([
    { kind: 'organization', role: 'admin' },
    { kind: 'workgroup', workgroupId: id('wg'), role: 'viewer' },
    { kind: 'project', projectId: id('prj'), role: 'owner' },
  ])('parses %j', (target) => {
    expect(valid(InvitationTarget, target)).toEqual(target);
  });

  it('refuses an unknown kind and lists the kinds', () => {
    expect(invalid(InvitationTarget, { kind: 'team', role: 'member' })).toEqual({
      field: 'kind',
      message: 'must be one of: organization, workgroup, project',
    });
  });

  it('requires the scope of a project invitation', () => {
    expect(invalid(InvitationTarget, { kind: 'project', role: 'member' })).toEqual({
      field: 'projectId',
      message: 'is required',
    });
  });

  it('refuses a project id on an organization invitation', () => {
    expect(invalid(InvitationTarget, { kind: 'organization', role: 'member', projectId: id('prj') })).toEqual({
      field: 'projectId',
      message: 'unknown field',
    });
  });

  it('takes the role set of the target', () => {
    expect(invalid(InvitationTarget, { kind: 'organization', role: 'editor' }).field).toBe('role');
    expect(invalid(InvitationTarget, { kind: 'project', projectId: id('prj'), role: 'admin' }).field).toBe(
      'role',
    );
  });
});

describe('Invitation', () => {
  it('parses a valid invitation', () => {
    expect(valid(Invitation, invitation)).toEqual(invitation);
  });

  it('refuses unknown fields, at the top and in the target', () => {
    expectUnknownFieldRefused(Invitation, invitation);
    expectUnknownFieldRefused(Invitation, invitation, ['target']);
  });

  it('refuses an unknown status', () => {
    expect(invalid(Invitation, { ...invitation, status: 'expired' })).toEqual({
      field: 'status',
      message: 'must be one of: pending, accepted, revoked',
    });
  });

  it('names the nested field when the scope is missing', () => {
    expect(invalid(Invitation, { ...invitation, target: { kind: 'workgroup', role: 'member' } })).toEqual({
      field: 'target.workgroupId',
      message: 'is required',
    });
  });
});

describe('InvitationCreate', () => {
  it('normalizes the email', () => {
    const input = { email: ' New.Hire@Example.com', target: { kind: 'organization', role: 'member' } };
    expect(valid(InvitationCreate, input)).toEqual({ ...input, email: 'new.hire@example.com' });
  });

  it('refuses unknown fields', () => {
    expectUnknownFieldRefused(InvitationCreate, { email: 'a@example.com', target: { kind: 'organization', role: 'member' } });
  });

  it('refuses a bad email', () => {
    expect(invalid(InvitationCreate, { email: 'nobody', target: { kind: 'organization', role: 'member' } })).toEqual({
      field: 'email',
      message: 'must be a valid email address',
    });
  });
});
