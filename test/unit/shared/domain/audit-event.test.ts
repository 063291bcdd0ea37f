import { describe, expect, it } from 'vitest';
import { AuditAction, AuditEvent } from '../../../../shared/domain/audit-event';
import { created, expectUnknownFieldRefused, id, invalid, sha, valid } from './fixtures';

const event = {
  id: id('aud'),
  seq: 42,
  orgId: id('org'),
  actorId: id('usr'),
  action: 'project.member.add',
  resourceKind: 'project-membership',
  resourceId: id('usr', 2),
  projectId: id('prj'),
  at: created,
  outcome: 'allowed',
  detail: { role: 'editor', previous: null, via: ['api', { keyId: id('key') }] },
  prevHash: sha('1'),
  hash: sha('2'),
};

describe('AuditEvent', () => {
  it('parses a valid event', () => {
    expect(valid(AuditEvent, event)).toEqual(event);
  });

  it('parses a denied system event about the organization', () => {
    const denied = {
      ...event,
      actorId: null,
      action: 'org.plan.change',
      resourceKind: 'organization',
      resourceId: id('org'),
      projectId: null,
      outcome: 'denied',
      detail: null,
    };
    expect(valid(AuditEvent, denied)).toEqual(denied);
  });

  it('refuses unknown fields', () => {
    expectUnknownFieldRefused(AuditEvent, event);
  });

  it('refuses hashes that are not lowercase SHA-256 hex', () => {
    expect(invalid(AuditEvent, { ...event, hash: sha('A') })).toEqual({
      field: 'hash',
      message: 'must be 64 lowercase hex characters (a SHA-256 digest)',
    });
    expect(invalid(AuditEvent, { ...event, prevHash: 'abc' }).field).toBe('prevHash');
  });

  it('refuses an unknown outcome', () => {
    expect(invalid(AuditEvent, { ...event, outcome: 'maybe' })).toEqual({
      field: 'outcome',
      message: 'must be one of: allowed, denied, failed',
    });
  });

  it('refuses an unknown resource kind', () => {
    expect(invalid(AuditEvent, { ...event, resourceKind: 'spaceship' }).field).toBe('resourceKind');
  });

  it('refuses a resource id with an unknown prefix', () => {
    expect(invalid(AuditEvent, { ...event, resourceId: 'abc_0000000000000000' }).field).toBe('resourceId');
  });

  it.each([0, -1, 2.5])('refuses sequence number %s', (seq) => {
    expect(invalid(AuditEvent, { ...event, seq }).field).toBe('seq');
  });

  it('refuses a detail value that is not JSON', () => {
    expect(invalid(AuditEvent, { ...event, detail: { when: new Date(0) } }).field).toBe('detail.when');
  });
});

describe('AuditAction', () => {
  it.each(['project.update', 'api-key.revoke', 'project.member.add', 'auth.login'])('accepts %s', (action) => {
    expect(valid(AuditAction, action)).toBe(action);
  });

  it.each(['update', 'Project.update', 'project.', '.update', 'project..update', 'project update'])(
    'refuses %j',
    (action) => {
      expect(invalid(AuditAction, action)).toEqual({
        field: '',
        message: 'must be dotted lowercase words such as project.update',
      });
    },
  );
});
