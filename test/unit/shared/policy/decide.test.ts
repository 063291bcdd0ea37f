import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OrgRole, ProjectRole } from '../../../../shared/domain/roles';
import { orgRoles, projectRoles } from '../../../../shared/domain/roles';
import type { Visibility } from '../../../../shared/domain/visibility';
import type { EntryAction } from '../../../../shared/policy/actions';
import { entryActions, projectActions, workgroupActions } from '../../../../shared/policy/actions';
import { hasCapability } from '../../../../shared/policy/capabilities';
import type { Subject } from '../../../../shared/policy/decide';
import { decide, decideAuthoredAction } from '../../../../shared/policy/decide';
import type { RegistryEntryRef, ViewerContext } from '../../../../shared/policy/visibility';
import { canChangeVisibility, canManageEntry, canSeeEntry, canUseEntry } from '../../../../shared/policy/visibility';

const subject = (orgRole: OrgRole | undefined, orgId = 'org-1'): Subject => ({ userId: 'u1', orgId, orgRole });
const project = (projectRole: ProjectRole | undefined, orgId = 'org-1') =>
  ({ scope: 'project', orgId, projectRole }) as const;

describe('decide on role-decided actions', () => {
  it('tells a viewer that viewers cannot write messages', () => {
    expect(decide(subject('member'), 'message.create', project('viewer'))).toEqual({
      allowed: false,
      code: 'forbidden',
      reason: 'Viewers cannot write messages',
    });
  });

  it('names the role and what was tried', () => {
    const editor = decide(subject('member'), 'project.member.manage', project('editor'));
    expect(editor).toEqual({ allowed: false, code: 'forbidden', reason: "Editors cannot manage the project's members" });
    const admin = decide(subject('admin'), 'org.plan.update', { scope: 'org', orgId: 'org-1' });
    expect(admin).toEqual({ allowed: false, code: 'forbidden', reason: 'Organization admins cannot change the plan' });
    const wgMember = decide(subject('member'), 'workgroup.delete', {
      scope: 'workgroup',
      orgId: 'org-1',
      workgroupRole: 'member',
    });
    expect(wgMember).toEqual({ allowed: false, code: 'forbidden', reason: 'Workgroup members cannot delete the workgroup' });
  });

  it('allows what the table allows', () => {
    expect(decide(subject('member'), 'message.create', project('member'))).toEqual({ allowed: true });
    expect(decide(subject('owner'), 'org.plan.update', { scope: 'org', orgId: 'org-1' })).toEqual({ allowed: true });
  });

  it('hides projects and workgroups from outsiders as not found', () => {
    expect(decide(subject('member'), 'project.read', project(undefined))).toMatchObject({
      allowed: false,
      code: 'not_found',
    });
    expect(
      decide(subject('member'), 'workgroup.read', { scope: 'workgroup', orgId: 'org-1', workgroupRole: undefined }),
    ).toMatchObject({ allowed: false, code: 'not_found' });
  });

  it('refuses every scope across organizations, whatever the role', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...orgRoles),
        fc.constantFrom(...projectRoles),
        fc.constantFrom(...projectActions),
        fc.constantFrom(...workgroupActions),
        (orgRole, role, projectAction, workgroupAction) => {
          const outsider = subject(orgRole, 'org-2');
          expect(decide(outsider, projectAction, project(role)).allowed).toBe(false);
          expect(
            decide(outsider, workgroupAction, { scope: 'workgroup', orgId: 'org-1', workgroupRole: role }).allowed,
          ).toBe(false);
          expect(decide(outsider, 'org.read', { scope: 'org', orgId: 'org-1' })).toMatchObject({ code: 'not_found' });
        },
      ),
    );
  });

  it('refuses a subject without an org role even in their own organization', () => {
    expect(decide(subject(undefined), 'org.read', { scope: 'org', orgId: 'org-1' }).allowed).toBe(false);
    expect(decide(subject(undefined), 'project.read', project('owner')).allowed).toBe(false);
  });

  it('treats org owners and admins as owners of every project and workgroup', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<OrgRole>('admin', 'owner'),
        fc.option(fc.constantFrom(...projectRoles), { nil: undefined }),
        fc.constantFrom(...projectActions),
        fc.constantFrom(...workgroupActions),
        (orgRole, role, projectAction, workgroupAction) => {
          expect(decide(subject(orgRole), projectAction, project(role))).toEqual({ allowed: true });
          expect(
            decide(subject(orgRole), workgroupAction, { scope: 'workgroup', orgId: 'org-1', workgroupRole: role }),
          ).toEqual({ allowed: true });
        },
      ),
    );
  });

  it('agrees with the table for plain org members', () => {
    fc.assert(
      fc.property(fc.constantFrom(...projectRoles), fc.constantFrom(...projectActions), (role, action) => {
        expect(decide(subject('member'), action, project(role)).allowed).toBe(hasCapability(role, action));
      }),
    );
  });
});

describe('decideAuthoredAction', () => {
  const deleteMessage = { own: 'message.delete-own', any: 'message.delete-any' } as const;
  const editMessage = { own: 'message.edit-own' } as const;

  it('lets a member delete their own message but not another one', () => {
    expect(decideAuthoredAction(subject('member'), deleteMessage, project('member'), 'u1').allowed).toBe(true);
    expect(decideAuthoredAction(subject('member'), deleteMessage, project('member'), 'u2')).toEqual({
      allowed: false,
      code: 'forbidden',
      reason: "Members cannot delete other people's messages",
    });
    expect(decideAuthoredAction(subject('member'), deleteMessage, project('owner'), 'u2').allowed).toBe(true);
  });

  it('lets nobody edit what someone else wrote, not even an owner', () => {
    expect(decideAuthoredAction(subject('owner'), editMessage, project('owner'), 'u2')).toEqual({
      allowed: false,
      code: 'forbidden',
      reason: 'Only its author can do that',
    });
    expect(decideAuthoredAction(subject('member'), editMessage, project('member'), 'u1').allowed).toBe(true);
    expect(decideAuthoredAction(subject('member'), editMessage, project('viewer'), 'u1').allowed).toBe(false);
  });

  it('hides the project from outsiders instead of talking about authorship', () => {
    expect(decideAuthoredAction(subject('member'), editMessage, project(undefined), 'u2')).toMatchObject({
      code: 'not_found',
    });
  });
});

function viewerContext(overrides: Partial<ViewerContext> = {}): ViewerContext {
  return {
    userId: 'u1',
    orgId: 'org-1',
    orgRole: 'member',
    projectRoles: new Map(),
    workgroupRoles: new Map(),
    projectWorkgroups: new Map(),
    ...overrides,
  };
}

function entry(overrides: Partial<RegistryEntryRef> = {}): RegistryEntryRef {
  return {
    kind: 'agent',
    orgId: 'org-1',
    ownerId: 'owner-1',
    visibility: { level: 'public' },
    retired: false,
    isDefaultAgent: false,
    ...overrides,
  };
}

/** Decides any entry action; the target only matters for visibility changes. */
function decideOnEntry(viewer: ViewerContext, action: EntryAction, on: RegistryEntryRef, target: Visibility) {
  return action === 'registry.entry.change-visibility'
    ? decide(viewer, action, { scope: 'entry', entry: on, target })
    : decide(viewer, action, { scope: 'entry', entry: on });
}

describe('decide on entry actions', () => {
  it('answers not found for an entry the viewer cannot see, whatever the action', () => {
    const hidden = entry({ visibility: { level: 'private' } });
    for (const action of entryActions) {
      expect(decideOnEntry(viewerContext(), action, hidden, { level: 'public' })).toMatchObject({
        allowed: false,
        code: 'not_found',
      });
    }
  });

  it('refuses using or forking a retired agent but still shows it', () => {
    const retired = entry({ retired: true });
    expect(decide(viewerContext(), 'registry.entry.see', { scope: 'entry', entry: retired }).allowed).toBe(true);
    expect(decide(viewerContext(), 'registry.entry.use', { scope: 'entry', entry: retired })).toEqual({
      allowed: false,
      code: 'forbidden',
      reason: 'This agent is retired',
    });
    expect(decide(viewerContext(), 'registry.entry.fork', { scope: 'entry', entry: retired }).allowed).toBe(false);
  });

  it('forks agents only', () => {
    const model = entry({ kind: 'model' });
    expect(decide(viewerContext(), 'registry.entry.fork', { scope: 'entry', entry: model })).toEqual({
      allowed: false,
      code: 'forbidden',
      reason: 'Only agents can be forked',
    });
    expect(decide(viewerContext(), 'registry.entry.use', { scope: 'entry', entry: model }).allowed).toBe(true);
  });

  it('refuses deleting, retiring or narrowing the default agent as a conflict, even for an org owner', () => {
    const owner = viewerContext({ orgRole: 'owner' });
    const defaultAgent = entry({ isDefaultAgent: true });
    expect(decide(owner, 'registry.entry.delete', { scope: 'entry', entry: defaultAgent })).toEqual({
      allowed: false,
      code: 'conflict',
      reason: 'The default agent cannot be deleted',
    });
    expect(decide(owner, 'registry.entry.retire', { scope: 'entry', entry: defaultAgent })).toMatchObject({
      code: 'conflict',
    });
    expect(
      decide(owner, 'registry.entry.change-visibility', {
        scope: 'entry',
        entry: defaultAgent,
        target: { level: 'project', projectId: 'p1' },
      }),
    ).toMatchObject({ code: 'conflict' });
    expect(decide(owner, 'registry.entry.update', { scope: 'entry', entry: defaultAgent }).allowed).toBe(true);
  });

  it('explains a visibility change into a project where the viewer cannot write', () => {
    const mine = entry({ ownerId: 'u1' });
    const readOnly = viewerContext({ projectRoles: new Map([['p1', 'viewer']]) });
    expect(
      decide(readOnly, 'registry.entry.change-visibility', {
        scope: 'entry',
        entry: mine,
        target: { level: 'project', projectId: 'p1' },
      }),
    ).toEqual({ allowed: false, code: 'forbidden', reason: 'You can only publish to projects where you can write' });
  });

  const visibilityArb: fc.Arbitrary<Visibility> = fc.oneof(
    fc.constant<Visibility>({ level: 'private' }),
    fc.constantFrom('p1', 'p2').map((projectId): Visibility => ({ level: 'project', projectId })),
    fc.constantFrom('w1', 'w2').map((workgroupId): Visibility => ({ level: 'workgroup', workgroupId })),
    fc.constant<Visibility>({ level: 'public' }),
  );
  const viewerArb: fc.Arbitrary<ViewerContext> = fc.record({
    userId: fc.constantFrom('u1', 'u2'),
    orgId: fc.constantFrom('org-1', 'org-2'),
    orgRole: fc.constantFrom(...orgRoles),
    projectRoles: fc.dictionary(fc.constantFrom('p1', 'p2'), fc.constantFrom(...projectRoles)).map((d) => new Map(Object.entries(d))),
    workgroupRoles: fc.dictionary(fc.constantFrom('w1', 'w2'), fc.constantFrom(...projectRoles)).map((d) => new Map(Object.entries(d))),
    projectWorkgroups: fc.constant(new Map([['p1', ['w1']], ['p2', ['w1', 'w2']]])),
  });
  const entryArb: fc.Arbitrary<RegistryEntryRef> = fc.record({
    kind: fc.constantFrom('model' as const, 'agent' as const),
    orgId: fc.constantFrom('org-1', 'org-2'),
    ownerId: fc.constantFrom('u1', 'u2'),
    visibility: visibilityArb,
    retired: fc.boolean(),
    isDefaultAgent: fc.boolean(),
  });

  it('agrees with the visibility functions', () => {
    fc.assert(
      fc.property(viewerArb, entryArb, visibilityArb, (viewer, subjectEntry, target) => {
        const context = { scope: 'entry', entry: subjectEntry } as const;
        expect(decide(viewer, 'registry.entry.see', context).allowed).toBe(canSeeEntry(viewer, subjectEntry));
        expect(decide(viewer, 'registry.entry.use', context).allowed).toBe(canUseEntry(viewer, subjectEntry));
        expect(decide(viewer, 'registry.entry.update', context).allowed).toBe(
          canSeeEntry(viewer, subjectEntry) && canManageEntry(viewer, subjectEntry),
        );
        expect(
          decide(viewer, 'registry.entry.change-visibility', { ...context, target }).allowed,
        ).toBe(canSeeEntry(viewer, subjectEntry) && canChangeVisibility(viewer, subjectEntry, target));
      }),
    );
  });
});
