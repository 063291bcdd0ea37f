import { describe, expect, it } from 'vitest';
import { Email, Password, User } from '../../../../shared/domain/user';
import { created, expectUnknownFieldRefused, id, invalid, valid } from './fixtures';

const user = {
  id: id('usr'),
  email: 'ann@example.com',
  displayName: 'Ann Lee',
  kind: 'person',
  createdAt: created,
};

describe('Email', () => {
  it.each([
    ['Ann@Example.COM', 'ann@example.com'],
    ['  bob.smith+quorum@mail.example.org ', 'bob.smith+quorum@mail.example.org'],
  ])('normalizes %j to %s', (input, expected) => {
    expect(valid(Email, input)).toBe(expected);
  });

  it.each(['ann', 'ann@', '@example.com', 'ann@example', 'ann smith@example.com', 'ann@@example.com'])(
    'refuses %j',
    (input) => {
      expect(invalid(Email, input)).toEqual({ field: '', message: 'must be a valid email address' });
    },
  );

  it('refuses addresses longer than 254 characters', () => {
    const long = `${'a'.repeat(64)}@${'b'.repeat(190)}.com`;
    expect(invalid(Email, long)).toEqual({ field: '', message: 'must have at most 254 characters' });
  });
});

describe('Password', () => {
  it('accepts 10 and 256 characters', () => {
    expect(valid(Password, 'x'.repeat(10))).toHaveLength(10);
    expect(valid(Password, 'x'.repeat(256))).toHaveLength(256);
  });

  it('refuses 9 characters', () => {
    expect(invalid(Password, 'x'.repeat(9))).toEqual({
      field: '',
      message: 'must have at least 10 characters',
    });
  });

  it('refuses 257 characters', () => {
    expect(invalid(Password, 'x'.repeat(257))).toEqual({
      field: '',
      message: 'must have at most 256 characters',
    });
  });

  it('keeps surrounding spaces, which are part of the password', () => {
    expect(valid(Password, ' correct horse ')).toBe(' correct horse ');
  });
});

describe('User', () => {
  it('parses a person and a service account', () => {
    expect(valid(User, user)).toEqual(user);
    expect(valid(User, { ...user, kind: 'service' }).kind).toBe('service');
  });

  it('normalizes the email', () => {
    expect(valid(User, { ...user, email: 'ANN@example.com' }).email).toBe('ann@example.com');
  });

  it('refuses unknown fields such as a password hash', () => {
    expectUnknownFieldRefused(User, user);
    expect(invalid(User, { ...user, passwordHash: 'x' })).toEqual({
      field: 'passwordHash',
      message: 'unknown field',
    });
  });

  it('refuses an unknown kind', () => {
    expect(invalid(User, { ...user, kind: 'robot' })).toEqual({
      field: 'kind',
      message: 'must be one of: person, service',
    });
  });
});
