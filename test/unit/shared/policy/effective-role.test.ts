import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ProjectRole } from '../../../../shared/domain/roles';
import { orgRoles, projectRoleRank, projectRoles } from '../../../../shared/domain/roles';
import type { ProjectRoleFacts } from '../../../../shared/policy/effective-role';
import { effectiveProjectRole, effectiveWorkgroupRole, orgGrantedRole } from '../../../../shared/policy/effective-role';

function facts(overrides: Partial<ProjectRoleFacts> = {}): ProjectRoleFacts {
  return {
    orgRole: 'member',
    directRole: undefined,
    projectWorkgroupIds: ['w-primary', 'w-shared'],
    workgroupRoles: new Map(),
    ...overrides,
  };
}

/** Rank with "no role" below every role, so comparisons need no special case. */
const rank = (role: ProjectRole | undefined): number => (role === undefined ? -1 : projectRoleRank(role));

describe('effectiveProjectRole', () => {
  it('gives an org member without memberships no role', () => {
    expect(effectiveProjectRole(facts())).toEqual({ role: undefined, sources: [], grants: [] });
  });

  it('makes every org member a viewer of the default project, and lets a higher role win there', () => {
    expect(effectiveProjectRole(facts({ isDefaultProject: true }))).toEqual({
      role: 'viewer',
      sources: [{ kind: 'org', orgRole: 'member' }],
      grants: [{ role: 'viewer', source: { kind: 'org', orgRole: 'member' } }],
    });
    expect(effectiveProjectRole(facts({ isDefaultProject: true, directRole: 'editor' })).role).toBe('editor');
    expect(effectiveProjectRole(facts({ isDefaultProject: true, orgRole: 'admin' })).grants).toEqual([{ role: 'owner', source: { kind: 'org', orgRole: 'admin' } }]);
    expect(effectiveProjectRole(facts({ isDefaultProject: true, orgRole: undefined })).role).toBeUndefined();
  });

  it('uses the direct role', () => {
    expect(effectiveProjectRole(facts({ directRole: 'viewer' }))).toEqual({
      role: 'viewer',
      sources: [{ kind: 'direct' }],
      grants: [{ role: 'viewer', source: { kind: 'direct' } }],
    });
  });

  it('takes the higher of direct and workgroup roles, naming the winning source', () => {
    const result = effectiveProjectRole(
      facts({ directRole: 'viewer', workgroupRoles: new Map([['w-shared', 'editor']]) }),
    );
    expect(result.role).toBe('editor');
    expect(result.sources).toEqual([{ kind: 'workgroup', workgroupId: 'w-shared' }]);
    expect(result.grants).toEqual([
      { role: 'viewer', source: { kind: 'direct' } },
      { role: 'editor', source: { kind: 'workgroup', workgroupId: 'w-shared' } },
    ]);
  });

  it('lists every source that ties for the effective role', () => {
    const result = effectiveProjectRole(
      facts({ directRole: 'member', workgroupRoles: new Map([['w-primary', 'member']]) }),
    );
    expect(result.sources).toEqual([{ kind: 'direct' }, { kind: 'workgroup', workgroupId: 'w-primary' }]);
  });

  it('ignores workgroups that do not hold the project', () => {
    const result = effectiveProjectRole(facts({ workgroupRoles: new Map([['w-elsewhere', 'owner']]) }));
    expect(result.role).toBeUndefined();
  });

  it('makes org owners and admins owners, and org members nothing more', () => {
    expect(effectiveProjectRole(facts({ orgRole: 'admin', directRole: 'viewer' }))).toMatchObject({
      role: 'owner',
      sources: [{ kind: 'org', orgRole: 'admin' }],
    });
    expect(effectiveProjectRole(facts({ orgRole: 'owner' })).role).toBe('owner');
    expect(effectiveProjectRole(facts({ orgRole: 'member', directRole: 'viewer' })).role).toBe('viewer');
  });

  it('lets nothing count for someone outside the organization', () => {
    const result = effectiveProjectRole(
      facts({ orgRole: undefined, directRole: 'owner', workgroupRoles: new Map([['w-primary', 'owner']]) }),
    );
    expect(result.role).toBeUndefined();
  });

  it('counts a workgroup listed twice once', () => {
    const result = effectiveProjectRole(
      facts({ projectWorkgroupIds: ['w-primary', 'w-primary'], workgroupRoles: new Map([['w-primary', 'member']]) }),
    );
    expect(result.grants).toHaveLength(1);
  });
});

describe('effectiveWorkgroupRole', () => {
  it('uses the membership', () => {
    expect(effectiveWorkgroupRole({ orgRole: 'member', membershipRole: 'editor' })).toMatchObject({
      role: 'editor',
      sources: [{ kind: 'direct' }],
    });
  });

  it('makes org owners and admins owners', () => {
    expect(effectiveWorkgroupRole({ orgRole: 'admin', membershipRole: 'viewer' })).toMatchObject({
      role: 'owner',
      sources: [{ kind: 'org', orgRole: 'admin' }],
    });
  });

  it('gives outsiders nothing', () => {
    expect(effectiveWorkgroupRole({ orgRole: 'member', membershipRole: undefined }).role).toBeUndefined();
    expect(effectiveWorkgroupRole({ orgRole: undefined, membershipRole: 'owner' }).role).toBeUndefined();
  });
});

describe('orgGrantedRole', () => {
  it('grants owner to org owners and admins only', () => {
    expect(orgRoles.map(orgGrantedRole)).toEqual([undefined, 'owner', 'owner']);
    expect(orgGrantedRole(undefined)).toBeUndefined();
  });
});

const workgroupIds = ['w1', 'w2', 'w3', 'w4'];
const roleArb = fc.constantFrom(...projectRoles);
const factsArb: fc.Arbitrary<ProjectRoleFacts> = fc.record({
  orgRole: fc.option(fc.constantFrom(...orgRoles), { nil: undefined }),
  directRole: fc.option(roleArb, { nil: undefined }),
  projectWorkgroupIds: fc.subarray(workgroupIds),
  workgroupRoles: fc
    .dictionary(fc.constantFrom(...workgroupIds), roleArb)
    .map((roles) => new Map(Object.entries(roles))),
});

describe('effective role properties', () => {
  it('is the highest role among its grants, and its sources are the grants at that role', () => {
    fc.assert(
      fc.property(factsArb, (input) => {
        const result = effectiveProjectRole(input);
        const highest = Math.max(-1, ...result.grants.map((grant) => rank(grant.role)));
        expect(rank(result.role)).toBe(highest);
        expect(result.sources).toEqual(
          result.grants.filter((grant) => grant.role === result.role).map((grant) => grant.source),
        );
      }),
    );
  });

  it('counts every membership that applies as a grant', () => {
    fc.assert(
      fc.property(factsArb, (input) => {
        const result = effectiveProjectRole(input);
        if (input.orgRole === undefined) {
          expect(result.grants).toEqual([]);
          return;
        }
        const holding = input.projectWorkgroupIds.filter((id) => input.workgroupRoles.has(id));
        const expected =
          (input.directRole === undefined ? 0 : 1) +
          holding.length +
          (orgGrantedRole(input.orgRole) === undefined ? 0 : 1);
        expect(result.grants).toHaveLength(expected);
      }),
    );
  });

  it('never narrows when a workgroup membership is added', () => {
    fc.assert(
      fc.property(factsArb, fc.constantFrom(...workgroupIds), roleArb, (input, workgroupId, role) => {
        const before = effectiveProjectRole(input).role;
        const added = new Map(input.workgroupRoles);
        if (!added.has(workgroupId)) added.set(workgroupId, role);
        const after = effectiveProjectRole({ ...input, workgroupRoles: added }).role;
        expect(rank(after)).toBeGreaterThanOrEqual(rank(before));
      }),
    );
  });

  it('never widens when a workgroup membership is removed', () => {
    fc.assert(
      fc.property(factsArb, fc.constantFrom(...workgroupIds), (input, workgroupId) => {
        const before = effectiveProjectRole(input).role;
        const removed = new Map(input.workgroupRoles);
        removed.delete(workgroupId);
        const after = effectiveProjectRole({ ...input, workgroupRoles: removed }).role;
        expect(rank(after)).toBeLessThanOrEqual(rank(before));
      }),
    );
  });

  it('never falls below the direct role inside the organization', () => {
    fc.assert(
      fc.property(factsArb, (input) => {
        if (input.orgRole === undefined) return;
        expect(rank(effectiveProjectRole(input).role)).toBeGreaterThanOrEqual(rank(input.directRole));
      }),
    );
  });
});
