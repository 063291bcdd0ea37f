import { describe, expect, it } from 'vitest';
import { Organization, OrganizationUpdate } from '../../../../shared/domain/organization';
import { created, expectUnknownFieldRefused, id, invalid, valid } from './fixtures';

const organization = {
  id: id('org'),
  name: 'Acme Research',
  slug: 'acme-research',
  plan: 'professional',
  createdAt: created,
};

describe('Organization', () => {
  it('parses a valid organization', () => {
    expect(valid(Organization, organization)).toEqual(organization);
  });

  it('refuses unknown fields', () => {
    expectUnknownFieldRefused(Organization, organization);
  });

  it('refuses an unknown plan and lists the plans', () => {
    expect(invalid(Organization, { ...organization, plan: 'gold' })).toEqual({
      field: 'plan',
      message: 'must be one of: free, standard, professional, enterprise',
    });
  });

  it('holds the slug to the canonical name rules', () => {
    expect(invalid(Organization, { ...organization, slug: 'Acme Research' }).field).toBe('slug');
  });

  it('requires an org id, not another kind of id', () => {
    expect(invalid(Organization, { ...organization, id: id('prj') }).field).toBe('id');
  });
});

describe('OrganizationUpdate', () => {
  const update = { name: 'Acme', slug: 'acme', plan: 'enterprise' };

  it('parses a full update', () => {
    expect(valid(OrganizationUpdate, update)).toEqual(update);
  });

  it('refuses unknown fields, including ones only the server sets', () => {
    expectUnknownFieldRefused(OrganizationUpdate, update);
    expect(invalid(OrganizationUpdate, { ...update, createdAt: created })).toEqual({
      field: 'createdAt',
      message: 'unknown field',
    });
  });

  it('requires every field', () => {
    expect(invalid(OrganizationUpdate, { name: 'Acme', slug: 'acme' })).toEqual({
      field: 'plan',
      message: 'is required',
    });
  });
});
