import { describe, expect, it } from 'vitest';
import type { OrgRole } from '../../../../shared/domain/roles';
import { decideBadgeChange } from '../../../../shared/policy/model-badges';

const as = (orgRole: OrgRole) => ({ userId: 'usr_1', orgId: 'org_1', orgRole });

describe('decideBadgeChange', () => {
  it('lets only org admins and owners add the verified badge', () => {
    expect(decideBadgeChange(as('member'), [], ['verified'])).toEqual({ allowed: false, code: 'forbidden', reason: 'Organization members cannot mark models verified' });
    expect(decideBadgeChange(as('admin'), [], ['verified']).allowed).toBe(true);
    expect(decideBadgeChange(as('owner'), ['experimental'], ['experimental', 'verified']).allowed).toBe(true);
  });

  it('lets anyone keep or drop a granted badge, and set the descriptive ones', () => {
    expect(decideBadgeChange(as('member'), ['verified'], ['verified', 'quantized']).allowed).toBe(true);
    expect(decideBadgeChange(as('member'), ['verified'], []).allowed).toBe(true);
    expect(decideBadgeChange(as('member'), [], ['experimental', 'fine-tuned', 'quantized']).allowed).toBe(true);
  });
});
