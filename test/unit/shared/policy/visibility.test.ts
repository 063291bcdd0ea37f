import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { orgRoles, projectRoles } from '../../../../shared/domain/roles';
import type { Visibility } from '../../../../shared/domain/visibility';
import type { RegistryEntryRef, ViewerContext } from '../../../../shared/policy/visibility';
import {
  canChangeVisibility,
  canManageEntry,
  canPublishInto,
  canSeeEntry,
  canUseEntry,
  seeableScopes,
  viewerProjectRole,
  viewerWorkgroupRole,
} from '../../../../shared/policy/visibility';

/*
 * The organization used throughout: workgroup w1 holds p1 (primary) and p2 (shared), workgroup w2
 * holds p2 (primary) and p3.
 */
const projectWorkgroups = new Map([
  ['p1', ['w1']],
  ['p2', ['w2', 'w1']],
  ['p3', ['w2']],
]);

function viewer(overrides: Partial<ViewerContext> = {}): ViewerContext {
  return {
    userId: 'u1',
    orgId: 'org-1',
    orgRole: 'member',
    projectRoles: new Map(),
    workgroupRoles: new Map(),
    projectWorkgroups,
    ...overrides,
  };
}

function entry(visibility: Visibility, overrides: Partial<RegistryEntryRef> = {}): RegistryEntryRef {
  return {
    kind: 'model',
    orgId: 'org-1',
    ownerId: 'owner-1',
    visibility,
    retired: false,
    isDefaultAgent: false,
    ...overrides,
  };
}

const privateEntry = entry({ level: 'private' });
const inP1 = entry({ level: 'project', projectId: 'p1' });
const inW1 = entry({ level: 'workgroup', workgroupId: 'w1' });
const everyone = entry({ level: 'public' });

describe('canSeeEntry', () => {
  it('shows a private entry to its owner only, not to org owners or admins', () => {
    expect(canSeeEntry(viewer({ userId: 'owner-1' }), privateEntry)).toBe(true);
    expect(canSeeEntry(viewer(), privateEntry)).toBe(false);
    expect(canSeeEntry(viewer({ orgRole: 'admin' }), privateEntry)).toBe(false);
    expect(canSeeEntry(viewer({ orgRole: 'owner' }), privateEntry)).toBe(false);
  });

  it('shows a project entry to any member of that project, viewers included', () => {
    expect(canSeeEntry(viewer({ projectRoles: new Map([['p1', 'viewer']]) }), inP1)).toBe(true);
    expect(canSeeEntry(viewer({ projectRoles: new Map([['p2', 'owner']]) }), inP1)).toBe(false);
    expect(canSeeEntry(viewer(), inP1)).toBe(false);
    expect(canSeeEntry(viewer({ orgRole: 'admin' }), inP1)).toBe(true);
  });

  it("shows a workgroup entry to the workgroup's members and to members of every project it holds", () => {
    expect(canSeeEntry(viewer({ workgroupRoles: new Map([['w1', 'viewer']]) }), inW1)).toBe(true);
    expect(canSeeEntry(viewer({ projectRoles: new Map([['p1', 'viewer']]) }), inW1)).toBe(true);
    expect(canSeeEntry(viewer({ projectRoles: new Map([['p2', 'member']]) }), inW1)).toBe(true);
    expect(canSeeEntry(viewer({ projectRoles: new Map([['p3', 'owner']]) }), inW1)).toBe(false);
    expect(canSeeEntry(viewer({ workgroupRoles: new Map([['w2', 'owner']]) }), inW1)).toBe(false);
    expect(canSeeEntry(viewer({ orgRole: 'owner' }), inW1)).toBe(true);
  });

  it('shows a public entry to everyone in the organization', () => {
    for (const orgRole of orgRoles) expect(canSeeEntry(viewer({ orgRole }), everyone)).toBe(true);
  });

  it('never shows anything across organizations, not even to the same user id', () => {
    const foreign = viewer({ orgId: 'org-2', orgRole: 'owner', userId: 'owner-1' });
    for (const target of [privateEntry, inP1, inW1, everyone]) expect(canSeeEntry(foreign, target)).toBe(false);
  });

  it('always shows owners their own entries, whatever the scope', () => {
    const owner = viewer({ userId: 'owner-1' });
    for (const target of [privateEntry, inP1, inW1, everyone]) expect(canSeeEntry(owner, target)).toBe(true);
  });
});

describe('canUseEntry', () => {
  it('refuses a retired agent, even to its owner', () => {
    const retired = entry({ level: 'public' }, { kind: 'agent', retired: true });
    expect(canSeeEntry(viewer(), retired)).toBe(true);
    expect(canUseEntry(viewer(), retired)).toBe(false);
    expect(canUseEntry(viewer({ userId: 'owner-1' }), retired)).toBe(false);
  });

  it('refuses what the viewer cannot see', () => {
    expect(canUseEntry(viewer(), inP1)).toBe(false);
    expect(canUseEntry(viewer({ projectRoles: new Map([['p1', 'viewer']]) }), inP1)).toBe(true);
  });
});

describe('canManageEntry', () => {
  it('lets the owner manage at every scope', () => {
    for (const target of [privateEntry, inP1, inW1, everyone]) {
      expect(canManageEntry(viewer({ userId: 'owner-1' }), target)).toBe(true);
    }
  });

  it('lets org owners and admins manage shared entries but not private ones', () => {
    for (const orgRole of ['admin', 'owner'] as const) {
      expect(canManageEntry(viewer({ orgRole }), everyone)).toBe(true);
      expect(canManageEntry(viewer({ orgRole }), inP1)).toBe(true);
      expect(canManageEntry(viewer({ orgRole }), privateEntry)).toBe(false);
    }
  });

  it('does not let other members manage, even project owners of the scope', () => {
    expect(canManageEntry(viewer({ projectRoles: new Map([['p1', 'owner']]) }), inP1)).toBe(false);
    expect(canManageEntry(viewer(), everyone)).toBe(false);
  });

  it('does not let an admin of another organization manage', () => {
    expect(canManageEntry(viewer({ orgId: 'org-2', orgRole: 'admin' }), everyone)).toBe(false);
  });
});

describe('canPublishInto', () => {
  it('allows private and public to every organization member', () => {
    expect(canPublishInto(viewer(), 'model', { level: 'private' })).toBe(true);
    expect(canPublishInto(viewer(), 'agent', { level: 'public' })).toBe(true);
  });

  it('allows a project where the viewer can write, not one where they only read or are absent', () => {
    const target: Visibility = { level: 'project', projectId: 'p1' };
    expect(canPublishInto(viewer({ projectRoles: new Map([['p1', 'member']]) }), 'agent', target)).toBe(true);
    expect(canPublishInto(viewer({ projectRoles: new Map([['p1', 'viewer']]) }), 'agent', target)).toBe(false);
    expect(canPublishInto(viewer({ projectRoles: new Map([['p2', 'owner']]) }), 'agent', target)).toBe(false);
    expect(canPublishInto(viewer({ orgRole: 'admin' }), 'agent', target)).toBe(true);
  });

  it('allows a workgroup only to its writing members, not to members of its projects', () => {
    const target: Visibility = { level: 'workgroup', workgroupId: 'w1' };
    expect(canPublishInto(viewer({ workgroupRoles: new Map([['w1', 'member']]) }), 'model', target)).toBe(true);
    expect(canPublishInto(viewer({ workgroupRoles: new Map([['w1', 'viewer']]) }), 'model', target)).toBe(false);
    expect(canPublishInto(viewer({ projectRoles: new Map([['p1', 'owner']]) }), 'model', target)).toBe(false);
    expect(canPublishInto(viewer({ orgRole: 'owner' }), 'model', target)).toBe(true);
  });
});

describe('canChangeVisibility', () => {
  const mine = (visibility: Visibility, overrides: Partial<RegistryEntryRef> = {}) =>
    entry(visibility, { ownerId: 'u1', ...overrides });

  it('lets the owner move an entry into a project they write in, not into one they are not in', () => {
    const member = viewer({ projectRoles: new Map([['p1', 'member']]) });
    expect(canChangeVisibility(member, mine({ level: 'private' }), { level: 'project', projectId: 'p1' })).toBe(true);
    expect(canChangeVisibility(member, mine({ level: 'private' }), { level: 'project', projectId: 'p3' })).toBe(false);
  });

  it('refuses someone who does not manage the entry', () => {
    const member = viewer({ projectRoles: new Map([['p1', 'owner']]) });
    expect(canChangeVisibility(member, everyone, { level: 'project', projectId: 'p1' })).toBe(false);
  });

  it('keeps the default agent public', () => {
    const defaultAgent = mine({ level: 'public' }, { kind: 'agent', isDefaultAgent: true });
    const admin = viewer({ orgRole: 'owner' });
    expect(canChangeVisibility(admin, defaultAgent, { level: 'private' })).toBe(false);
    expect(canChangeVisibility(admin, defaultAgent, { level: 'workgroup', workgroupId: 'w1' })).toBe(false);
    expect(canChangeVisibility(admin, defaultAgent, { level: 'public' })).toBe(true);
  });
});

describe('viewer roles', () => {
  it('raises org owners and admins to owner everywhere', () => {
    expect(viewerProjectRole(viewer({ orgRole: 'admin' }), 'p9')).toBe('owner');
    expect(viewerWorkgroupRole(viewer({ orgRole: 'owner' }), 'w9')).toBe('owner');
    expect(viewerProjectRole(viewer({ projectRoles: new Map([['p1', 'editor']]) }), 'p1')).toBe('editor');
    expect(viewerWorkgroupRole(viewer(), 'w1')).toBeUndefined();
  });

  it('is not fooled by ids that are names of object properties', () => {
    expect(viewerProjectRole(viewer(), 'constructor')).toBeUndefined();
    expect(canSeeEntry(viewer(), entry({ level: 'project', projectId: '__proto__' }))).toBe(false);
  });
});

describe('seeableScopes', () => {
  it('collects the projects and every workgroup holding them', () => {
    const scopes = seeableScopes(
      viewer({ projectRoles: new Map([['p2', 'viewer']]), workgroupRoles: new Map([['w9', 'member']]) }),
    );
    expect(scopes.everyScope).toBe(false);
    expect([...scopes.projectIds]).toEqual(['p2']);
    expect([...scopes.workgroupIds].sort()).toEqual(['w1', 'w2', 'w9']);
    expect(seeableScopes(viewer({ orgRole: 'admin' })).everyScope).toBe(true);
  });
});

const userIds = ['u1', 'u2', 'u3'];
const projectIds = ['p1', 'p2', 'p3'];
const workgroupIds = ['w1', 'w2'];
const visibilityArb: fc.Arbitrary<Visibility> = fc.oneof(
  fc.constant<Visibility>({ level: 'private' }),
  fc.constantFrom(...projectIds).map((projectId): Visibility => ({ level: 'project', projectId })),
  fc.constantFrom(...workgroupIds).map((workgroupId): Visibility => ({ level: 'workgroup', workgroupId })),
  fc.constant<Visibility>({ level: 'public' }),
);
const rolesOf = (ids: readonly string[]) =>
  fc.dictionary(fc.constantFrom(...ids), fc.constantFrom(...projectRoles)).map((d) => new Map(Object.entries(d)));
const viewerArb: fc.Arbitrary<ViewerContext> = fc.record({
  userId: fc.constantFrom(...userIds),
  orgId: fc.constantFrom('org-1', 'org-2'),
  orgRole: fc.constantFrom(...orgRoles),
  projectRoles: rolesOf(projectIds),
  workgroupRoles: rolesOf(workgroupIds),
  projectWorkgroups: fc.constant(projectWorkgroups),
});
const entryArb = (visibility: fc.Arbitrary<Visibility>): fc.Arbitrary<RegistryEntryRef> =>
  fc.record({
    kind: fc.constantFrom('model' as const, 'agent' as const),
    orgId: fc.constantFrom('org-1', 'org-2'),
    ownerId: fc.constantFrom(...userIds),
    visibility,
    retired: fc.boolean(),
    isDefaultAgent: fc.boolean(),
  });

describe('visibility properties', () => {
  it('shows a private entry to exactly its owner in its organization', () => {
    fc.assert(
      fc.property(viewerArb, entryArb(fc.constant<Visibility>({ level: 'private' })), (someone, target) => {
        expect(canSeeEntry(someone, target)).toBe(
          someone.userId === target.ownerId && someone.orgId === target.orgId,
        );
      }),
    );
  });

  it('never crosses organizations', () => {
    fc.assert(
      fc.property(viewerArb, entryArb(visibilityArb), visibilityArb, (someone, target, next) => {
        if (someone.orgId === target.orgId) return;
        expect(canSeeEntry(someone, target)).toBe(false);
        expect(canUseEntry(someone, target)).toBe(false);
        expect(canManageEntry(someone, target)).toBe(false);
        expect(canChangeVisibility(someone, target, next)).toBe(false);
      }),
    );
  });

  it('only lets those who see an entry use it, and only managers change its visibility', () => {
    fc.assert(
      fc.property(viewerArb, entryArb(visibilityArb), visibilityArb, (someone, target, next) => {
        if (canUseEntry(someone, target)) expect(canSeeEntry(someone, target)).toBe(true);
        if (canManageEntry(someone, target)) expect(canSeeEntry(someone, target)).toBe(true);
        if (canChangeVisibility(someone, target, next)) expect(canManageEntry(someone, target)).toBe(true);
      }),
    );
  });

  it('agrees with seeableScopes', () => {
    fc.assert(
      fc.property(viewerArb, entryArb(visibilityArb), (someone, target) => {
        const scopes = seeableScopes(someone);
        const v = target.visibility;
        const inScope =
          v.level === 'public' ||
          (v.level === 'project' && (scopes.everyScope || scopes.projectIds.has(v.projectId))) ||
          (v.level === 'workgroup' && (scopes.everyScope || scopes.workgroupIds.has(v.workgroupId)));
        const expected = someone.orgId === target.orgId && (someone.userId === target.ownerId || inScope);
        expect(canSeeEntry(someone, target)).toBe(expected);
      }),
    );
  });
});
