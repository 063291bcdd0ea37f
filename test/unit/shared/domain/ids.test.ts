import { describe, expect, it } from 'vitest';
import { EntityId, EntityKind, ProjectId, UserId, entityId, idPrefixes } from '../../../../shared/domain/ids';
import { invalid, valid } from './fixtures';

describe('entityId', () => {
  const projectId = entityId('prj');

  it.each([
    ['prj_0123456789abcdef', 'the shortest body'],
    [`prj_${'a'.repeat(32)}`, 'the longest body'],
    ['prj_zzzzzzzzzzzzzzzz0', 'letters and digits'],
  ])('accepts %s (%s)', (value) => {
    expect(valid(projectId, value)).toBe(value);
  });

  it.each([
    ['prj_0123456789abcde', 'a body of 15'],
    [`prj_${'a'.repeat(33)}`, 'a body of 33'],
    ['prj_0123456789ABCDEF', 'uppercase'],
    ['usr_0123456789abcdef', 'another prefix'],
    ['prj0123456789abcdef', 'no underscore'],
    ['prj_0123456789abcde-', 'a hyphen'],
    [' prj_0123456789abcdef', 'a leading space'],
    ['', 'the empty string'],
  ])('refuses %j (%s) and says what an id looks like', (value) => {
    expect(invalid(projectId, value)).toEqual({
      field: '',
      message: 'must be an id of the form prj_ followed by 16 to 32 lowercase letters or digits',
    });
  });

  it('refuses a number', () => {
    expect(invalid(projectId, 12)).toEqual({ field: '', message: 'must be a string' });
  });

  it('gives the named id schemas their prefixes', () => {
    expect(ProjectId.safeParse('prj_0123456789abcdef').success).toBe(true);
    expect(UserId.safeParse('prj_0123456789abcdef').success).toBe(false);
    expect(UserId.safeParse('usr_0123456789abcdef').success).toBe(true);
  });
});

describe('idPrefixes', () => {
  it('gives every kind its own prefix', () => {
    const prefixes = Object.values(idPrefixes);
    expect(new Set(prefixes).size).toBe(prefixes.length);
  });

  it('has the prefixes the design names', () => {
    expect(idPrefixes).toMatchObject({
      organization: 'org',
      user: 'usr',
      'api-key': 'key',
      invitation: 'inv',
      workgroup: 'wg',
      project: 'prj',
      model: 'mdl',
      'model-version': 'mver',
      agent: 'agt',
      conversation: 'cnv',
      message: 'msg',
      'audit-event': 'aud',
      'knowledge-base': 'kb',
      run: 'run',
    });
  });

  it('lists the same kinds as EntityKind', () => {
    expect(EntityKind.options).toEqual(Object.keys(idPrefixes));
  });
});

describe('EntityId', () => {
  it.each(Object.values(idPrefixes))('accepts an id with the known prefix %s', (prefix) => {
    expect(EntityId.safeParse(`${prefix}_0123456789abcdef`).success).toBe(true);
  });

  it('refuses an unknown prefix', () => {
    expect(invalid(EntityId, 'zzz_0123456789abcdef').message).toMatch(/^must be an id/);
  });

  it('refuses a known prefix with a bad body', () => {
    expect(EntityId.safeParse('prj_short').success).toBe(false);
  });

  it('does not take a prefix that merely starts like a known one', () => {
    expect(EntityId.safeParse('prjx_0123456789abcdef').success).toBe(false);
  });
});
