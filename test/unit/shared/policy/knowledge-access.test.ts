import { describe, expect, it } from 'vitest';
import type { KnowledgeBaseOwner } from '../../../../shared/domain/knowledge-base';
import type { OrgRole, ProjectRole } from '../../../../shared/domain/roles';
import type { KnowledgeAccess } from '../../../../shared/policy/knowledge-access';
import { canReadKnowledgeBase, decideKnowledgeBase } from '../../../../shared/policy/knowledge-access';
import type { ViewerContext } from '../../../../shared/policy/visibility';

/*
 * Project p1 sits in workgroup wg1; project p2 in no workgroup. Contexts are built the way the
 * server builds them: a workgroup role also shows as a role on every project the workgroup holds.
 */
function viewer(
  orgRole: OrgRole,
  roles: { workgroup?: ProjectRole; p1?: ProjectRole; p2?: ProjectRole } = {},
  orgId = 'org-1',
): ViewerContext {
  const projectRoles = new Map<string, ProjectRole>();
  const p1 = roles.p1 ?? roles.workgroup;
  if (p1 !== undefined) projectRoles.set('p1', p1);
  if (roles.p2 !== undefined) projectRoles.set('p2', roles.p2);
  return {
    userId: 'u1',
    orgId,
    orgRole,
    projectRoles,
    workgroupRoles: new Map(roles.workgroup === undefined ? [] : [['wg1', roles.workgroup]]),
    projectWorkgroups: new Map([
      ['p1', ['wg1']],
      ['p2', []],
    ]),
  };
}

const viewers = {
  'org owner': viewer('owner'),
  'org admin': viewer('admin'),
  'org member': viewer('member'),
  'workgroup owner': viewer('member', { workgroup: 'owner' }),
  'workgroup editor': viewer('member', { workgroup: 'editor' }),
  'workgroup member': viewer('member', { workgroup: 'member' }),
  'workgroup viewer': viewer('member', { workgroup: 'viewer' }),
  'p1 editor': viewer('member', { p1: 'editor' }),
  'p1 viewer': viewer('member', { p1: 'viewer' }),
  'p2 owner': viewer('member', { p2: 'owner' }),
  'other org owner': viewer('owner', {}, 'org-2'),
} as const;
type ViewerName = keyof typeof viewers;

const owners: Record<'organization' | 'wg1' | 'p1', KnowledgeBaseOwner> = {
  organization: { kind: 'organization' },
  wg1: { kind: 'workgroup', workgroupId: 'wg1' },
  p1: { kind: 'project', projectId: 'p1' },
};

type Outcome = 'allow' | 'forbidden' | 'not_found';

/* Every cell written out: [viewer, owner, read, write]. */
const expectations: readonly (readonly [ViewerName, keyof typeof owners, Outcome, Outcome])[] = [
  ['org owner', 'organization', 'allow', 'allow'],
  ['org owner', 'wg1', 'allow', 'allow'],
  ['org owner', 'p1', 'allow', 'allow'],
  ['org admin', 'organization', 'allow', 'allow'],
  ['org admin', 'wg1', 'allow', 'allow'],
  ['org admin', 'p1', 'allow', 'allow'],
  ['org member', 'organization', 'allow', 'forbidden'],
  ['org member', 'wg1', 'not_found', 'not_found'],
  ['org member', 'p1', 'not_found', 'not_found'],
  ['workgroup owner', 'organization', 'allow', 'forbidden'],
  ['workgroup owner', 'wg1', 'allow', 'allow'],
  ['workgroup owner', 'p1', 'allow', 'allow'],
  ['workgroup editor', 'organization', 'allow', 'forbidden'],
  ['workgroup editor', 'wg1', 'allow', 'allow'],
  ['workgroup editor', 'p1', 'allow', 'allow'],
  ['workgroup member', 'organization', 'allow', 'forbidden'],
  ['workgroup member', 'wg1', 'allow', 'forbidden'],
  ['workgroup member', 'p1', 'allow', 'forbidden'],
  ['workgroup viewer', 'organization', 'allow', 'forbidden'],
  ['workgroup viewer', 'wg1', 'allow', 'forbidden'],
  ['workgroup viewer', 'p1', 'allow', 'forbidden'],
  ['p1 editor', 'organization', 'allow', 'forbidden'],
  ['p1 editor', 'wg1', 'allow', 'forbidden'],
  ['p1 editor', 'p1', 'allow', 'allow'],
  ['p1 viewer', 'organization', 'allow', 'forbidden'],
  ['p1 viewer', 'wg1', 'allow', 'forbidden'],
  ['p1 viewer', 'p1', 'allow', 'forbidden'],
  ['p2 owner', 'organization', 'allow', 'forbidden'],
  ['p2 owner', 'wg1', 'not_found', 'not_found'],
  ['p2 owner', 'p1', 'not_found', 'not_found'],
  ['other org owner', 'organization', 'not_found', 'not_found'],
  ['other org owner', 'wg1', 'not_found', 'not_found'],
  ['other org owner', 'p1', 'not_found', 'not_found'],
];

function outcome(name: ViewerName, owner: keyof typeof owners, access: KnowledgeAccess): Outcome {
  const decision = decideKnowledgeBase(viewers[name], { orgId: 'org-1', owner: owners[owner] }, access);
  return decision.allowed ? 'allow' : decision.code === 'forbidden' ? 'forbidden' : 'not_found';
}

describe('decideKnowledgeBase', () => {
  it('has one expectation for every viewer and owner', () => {
    expect(expectations.length).toBe(Object.keys(viewers).length * Object.keys(owners).length);
  });

  it.each(expectations)('%s on a base of %s: read %s, write %s', (name, owner, read, write) => {
    expect(outcome(name, owner, 'read')).toBe(read);
    expect(outcome(name, owner, 'write')).toBe(write);
    expect(canReadKnowledgeBase(viewers[name], { orgId: 'org-1', owner: owners[owner] })).toBe(read === 'allow');
  });

  it('says why a reader may not write, in the words of the capability table', () => {
    const decide = (name: ViewerName, owner: keyof typeof owners) => decideKnowledgeBase(viewers[name], { orgId: 'org-1', owner: owners[owner] }, 'write');
    expect(decide('org member', 'organization')).toEqual({
      allowed: false,
      code: 'forbidden',
      reason: "Organization members cannot change the organization's knowledge bases",
    });
    expect(decide('workgroup viewer', 'wg1')).toMatchObject({ reason: "Workgroup viewers cannot change the workgroup's knowledge bases" });
    expect(decide('p1 editor', 'wg1')).toMatchObject({ reason: "Only the workgroup's editors and owners can change its knowledge bases" });
    expect(decide('p1 viewer', 'p1')).toMatchObject({ reason: "Viewers cannot change the project's knowledge bases" });
  });

  it('answers not_found with the same words whatever made the base invisible', () => {
    const reasons = new Set(
      (['org member', 'p2 owner', 'other org owner'] as const).map((name) => {
        const decision = decideKnowledgeBase(viewers[name], { orgId: 'org-1', owner: owners.p1 }, 'write');
        return decision.allowed ? '' : decision.reason;
      }),
    );
    expect([...reasons]).toEqual(['This knowledge base does not exist or is not visible to you']);
  });

  it("does not let a project shared into the workgroup's sibling read through another workgroup", () => {
    const inOtherWorkgroup: ViewerContext = { ...viewer('member', { p2: 'owner' }), projectWorkgroups: new Map([['p2', ['wg2']]]) };
    expect(canReadKnowledgeBase(inOtherWorkgroup, { orgId: 'org-1', owner: owners.wg1 })).toBe(false);
    const sharedIn: ViewerContext = { ...inOtherWorkgroup, projectWorkgroups: new Map([['p2', ['wg2', 'wg1']]]) };
    expect(canReadKnowledgeBase(sharedIn, { orgId: 'org-1', owner: owners.wg1 })).toBe(true);
  });
});
