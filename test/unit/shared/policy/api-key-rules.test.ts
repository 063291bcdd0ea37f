import { describe, expect, it } from 'vitest';
import type { OrgRole } from '../../../../shared/domain/roles';
import { orgRoles } from '../../../../shared/domain/roles';
import { decideApiKeyMint } from '../../../../shared/policy/api-key-rules';

const orgId = 'org_1';
const actor = (orgRole: OrgRole) => ({ userId: 'usr_actor', orgId, orgRole });
const bot = (orgRole: OrgRole) => ({ userId: 'usr_bot', kind: 'service' as const, orgRole });

describe('decideApiKeyMint', () => {
  it('lets everyone mint their own key', () => {
    for (const role of orgRoles) expect(decideApiKeyMint(actor(role), orgId, { userId: 'usr_actor', kind: 'person', orgRole: role }).allowed).toBe(true);
  });

  it.each([
    ['member', 'member', false],
    ['admin', 'member', true],
    ['admin', 'admin', true],
    ['admin', 'owner', false],
    ['owner', 'owner', true],
    ['owner', 'member', true],
  ] as const)('a %s minting for a %s service account: %s', (role, botRole, allowed) => {
    expect(decideApiKeyMint(actor(role), orgId, bot(botRole)).allowed).toBe(allowed);
  });

  it("says why an admin may not hold an owner's credential", () => {
    expect(decideApiKeyMint(actor('admin'), orgId, bot('owner'))).toEqual({
      allowed: false,
      code: 'forbidden',
      reason: 'This service account is an owner of the organization, and a key acts with its role: only someone who is an owner can mint one',
    });
  });

  it('refuses keys for other people, and everything outside the organization', () => {
    expect(decideApiKeyMint(actor('owner'), orgId, { userId: 'usr_person', kind: 'person', orgRole: 'member' }).allowed).toBe(false);
    expect(decideApiKeyMint({ userId: 'usr_actor', orgId: 'org_2', orgRole: 'owner' }, orgId, bot('member'))).toMatchObject({ allowed: false, code: 'not_found' });
  });
});
