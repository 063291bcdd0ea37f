import { describe, expect, it } from 'vitest';
import { ApiKey, ApiKeyCreate, ApiKeyMinted } from '../../../../shared/domain/api-key';
import { created, expectUnknownFieldRefused, id, invalid, later, valid } from './fixtures';

const key = {
  id: id('key'),
  orgId: id('org'),
  userId: id('usr'),
  name: 'CI pipeline',
  prefix: 'qk_3f9a',
  scopes: ['read', 'write'],
  createdAt: created,
  lastUsedAt: later,
  expiresAt: null,
  revokedAt: null,
};

const secret = `qk_3f9a${'x'.repeat(40)}`;

describe('ApiKey', () => {
  it('parses a valid key', () => {
    expect(valid(ApiKey, key)).toEqual(key);
  });

  it('parses a key never used and already revoked', () => {
    expect(valid(ApiKey, { ...key, lastUsedAt: null, revokedAt: later }).revokedAt).toBe(later);
  });

  it('refuses unknown fields', () => {
    expectUnknownFieldRefused(ApiKey, key);
  });

  it.each(['secret', 'hash', 'secretHash'])('has no place for %s', (field) => {
    expect(invalid(ApiKey, { ...key, [field]: 'abc' })).toEqual({ field, message: 'unknown field' });
  });

  it('requires revokedAt to be given, even as null', () => {
    const { revokedAt: _, ...withoutRevokedAt } = key;
    expect(invalid(ApiKey, withoutRevokedAt)).toEqual({ field: 'revokedAt', message: 'is required' });
  });
});

describe('ApiKeyCreate', () => {
  it('defaults to a key without expiry for the caller that reads and writes', () => {
    expect(valid(ApiKeyCreate, { name: 'laptop' })).toEqual({ name: 'laptop', scopes: ['read', 'write'], expiresAt: null });
  });

  it('takes scopes, an expiry and a service account', () => {
    const input = { name: 'bot', scopes: ['admin'], expiresAt: later, userId: id('usr', 2) };
    expect(valid(ApiKeyCreate, input)).toEqual(input);
  });

  it('refuses unknown fields', () => {
    expectUnknownFieldRefused(ApiKeyCreate, { name: 'laptop' });
  });

  it('refuses an expiry that is not a UTC timestamp', () => {
    expect(invalid(ApiKeyCreate, { name: 'laptop', expiresAt: 'tomorrow' }).field).toBe('expiresAt');
  });
});

describe('ApiKeyMinted', () => {
  it('parses a key with its secret', () => {
    expect(valid(ApiKeyMinted, { ...key, secret })).toEqual({ ...key, secret });
  });

  it('refuses unknown fields', () => {
    expectUnknownFieldRefused(ApiKeyMinted, { ...key, secret });
  });

  it('refuses a secret that does not start with the prefix', () => {
    expect(invalid(ApiKeyMinted, { ...key, secret: 'x'.repeat(48) })).toEqual({
      field: 'secret',
      message: 'must start with the key prefix',
    });
  });

  it('refuses a short secret', () => {
    expect(invalid(ApiKeyMinted, { ...key, secret: 'qk_3f9a' }).message).toBe(
      'must be 32 to 256 letters, digits, underscores or hyphens',
    );
  });
});
