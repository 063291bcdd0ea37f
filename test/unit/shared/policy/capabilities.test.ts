import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OrgRole, ProjectRole } from '../../../../shared/domain/roles';
import { orgRoles, projectRoles } from '../../../../shared/domain/roles';
import type { OrgAction, ProjectAction, WorkgroupAction } from '../../../../shared/policy/actions';
import {
  allActions,
  entryActions,
  orgActions,
  projectActions,
  workgroupActions,
} from '../../../../shared/policy/actions';
import { capabilities, capabilitiesOf, hasCapability } from '../../../../shared/policy/capabilities';
import type { EntryAction } from '../../../../shared/policy/actions';
import { decide } from '../../../../shared/policy/decide';
import type { RegistryEntryRef, ViewerContext } from '../../../../shared/policy/visibility';

/*
 * The expected policy, written out cell by cell. It is deliberately not derived from the
 * implementation: changing who may do what means changing a row here too.
 */
const orgExpectations: readonly (readonly [OrgRole, OrgAction, boolean])[] = [
['member', 'org.read', true],
  ['admin', 'org.read', true],
  ['owner', 'org.read', true],

  ['member', 'org.update', false],
  ['admin', 'org.update', true],
  ['owner', 'org.update', true],

  ['member', 'org.plan.update', false],
  ['admin', 'org.plan.update', false],
  ['owner', 'org.plan.update', true],

  ['member', 'org.leave', true],
  ['admin', 'org.leave', true],
  ['owner', 'org.leave', true],

  ['member', 'org.member.read', true],
  ['admin', 'org.member.read', true],
  ['owner', 'org.member.read', true],

  ['member', 'org.member.invite', false],
  ['admin', 'org.member.invite', true],
  ['owner', 'org.member.invite', true],

  ['member', 'org.member.update-role', false],
  ['admin', 'org.member.update-role', true],
  ['owner', 'org.member.update-role', true],

  ['member', 'org.member.remove', false],
  ['admin', 'org.member.remove', true],
  ['owner', 'org.member.remove', true],

  ['member', 'org.audit.read', false],
  ['admin', 'org.audit.read', true],
  ['owner', 'org.audit.read', true],

  ['member', 'org.audit.export', false],
  ['admin', 'org.audit.export', true],
  ['owner', 'org.audit.export', true],

  ['member', 'connection.read', true],
  ['admin', 'connection.read', true],
  ['owner', 'connection.read', true],

  ['member', 'connection.manage', false],
  ['admin', 'connection.manage', true],
  ['owner', 'connection.manage', true],

  ['member', 'invitation.read', false],
  ['admin', 'invitation.read', true],
  ['owner', 'invitation.read', true],

  ['member', 'invitation.create', false],
  ['admin', 'invitation.create', true],
  ['owner', 'invitation.create', true],

  ['member', 'invitation.revoke', false],
  ['admin', 'invitation.revoke', true],
  ['owner', 'invitation.revoke', true],

  ['member', 'api-key.read-own', true],
  ['admin', 'api-key.read-own', true],
  ['owner', 'api-key.read-own', true],

  ['member', 'api-key.create-own', true],
  ['admin', 'api-key.create-own', true],
  ['owner', 'api-key.create-own', true],

  ['member', 'api-key.revoke-own', true],
  ['admin', 'api-key.revoke-own', true],
  ['owner', 'api-key.revoke-own', true],

  ['member', 'api-key.read-all', false],
  ['admin', 'api-key.read-all', true],
  ['owner', 'api-key.read-all', true],

  ['member', 'api-key.revoke-any', false],
  ['admin', 'api-key.revoke-any', true],
  ['owner', 'api-key.revoke-any', true],

  ['member', 'api-key.create-for-service', false],
  ['admin', 'api-key.create-for-service', true],
  ['owner', 'api-key.create-for-service', true],

  ['member', 'workgroup.create', false],
  ['admin', 'workgroup.create', true],
  ['owner', 'workgroup.create', true],

  ['member', 'project.create', true],
  ['admin', 'project.create', true],
  ['owner', 'project.create', true],

  ['member', 'registry.read', true],
  ['admin', 'registry.read', true],
  ['owner', 'registry.read', true],

  ['member', 'registry.model.register', true],
  ['admin', 'registry.model.register', true],
  ['owner', 'registry.model.register', true],

  ['member', 'registry.agent.register', true],
  ['admin', 'registry.agent.register', true],
  ['owner', 'registry.agent.register', true],

  ['member', 'registry.model.verify', false],
  ['admin', 'registry.model.verify', true],
  ['owner', 'registry.model.verify', true],

  ['member', 'org.knowledge.read', true],
  ['admin', 'org.knowledge.read', true],
  ['owner', 'org.knowledge.read', true],

  ['member', 'org.knowledge.write', false],
  ['admin', 'org.knowledge.write', true],
  ['owner', 'org.knowledge.write', true],
];

const workgroupExpectations: readonly (readonly [ProjectRole, WorkgroupAction, boolean])[] = [
  ['viewer', 'workgroup.read', true],
  ['member', 'workgroup.read', true],
  ['editor', 'workgroup.read', true],
  ['owner', 'workgroup.read', true],

  ['viewer', 'workgroup.update', false],
  ['member', 'workgroup.update', false],
  ['editor', 'workgroup.update', true],
  ['owner', 'workgroup.update', true],

  ['viewer', 'workgroup.delete', false],
  ['member', 'workgroup.delete', false],
  ['editor', 'workgroup.delete', false],
  ['owner', 'workgroup.delete', true],

  ['viewer', 'workgroup.leave', true],
  ['member', 'workgroup.leave', true],
  ['editor', 'workgroup.leave', true],
  ['owner', 'workgroup.leave', true],

  ['viewer', 'workgroup.settings.update', false],
  ['member', 'workgroup.settings.update', false],
  ['editor', 'workgroup.settings.update', true],
  ['owner', 'workgroup.settings.update', true],

  ['viewer', 'workgroup.member.read', true],
  ['member', 'workgroup.member.read', true],
  ['editor', 'workgroup.member.read', true],
  ['owner', 'workgroup.member.read', true],

  ['viewer', 'workgroup.member.manage', false],
  ['member', 'workgroup.member.manage', false],
  ['editor', 'workgroup.member.manage', false],
  ['owner', 'workgroup.member.manage', true],

  ['viewer', 'workgroup.project.add', false],
  ['member', 'workgroup.project.add', false],
  ['editor', 'workgroup.project.add', false],
  ['owner', 'workgroup.project.add', true],

  ['viewer', 'workgroup.project.remove', false],
  ['member', 'workgroup.project.remove', false],
  ['editor', 'workgroup.project.remove', false],
  ['owner', 'workgroup.project.remove', true],

  ['viewer', 'workgroup.knowledge.read', true],
  ['member', 'workgroup.knowledge.read', true],
  ['editor', 'workgroup.knowledge.read', true],
  ['owner', 'workgroup.knowledge.read', true],

  ['viewer', 'workgroup.connection.manage', false],
  ['member', 'workgroup.connection.manage', false],
  ['editor', 'workgroup.connection.manage', false],
  ['owner', 'workgroup.connection.manage', true],

  ['viewer', 'workgroup.knowledge.write', false],
  ['member', 'workgroup.knowledge.write', false],
  ['editor', 'workgroup.knowledge.write', true],
  ['owner', 'workgroup.knowledge.write', true],

  ['viewer', 'registry.model.manage-in-workgroup', false],
  ['member', 'registry.model.manage-in-workgroup', true],
  ['editor', 'registry.model.manage-in-workgroup', true],
  ['owner', 'registry.model.manage-in-workgroup', true],

  ['viewer', 'registry.agent.manage-in-workgroup', false],
  ['member', 'registry.agent.manage-in-workgroup', true],
  ['editor', 'registry.agent.manage-in-workgroup', true],
  ['owner', 'registry.agent.manage-in-workgroup', true],
];

const projectExpectations: readonly (readonly [ProjectRole, ProjectAction, boolean])[] = [
  ['viewer', 'project.read', true],
  ['member', 'project.read', true],
  ['editor', 'project.read', true],
  ['owner', 'project.read', true],

  ['viewer', 'project.update', false],
  ['member', 'project.update', false],
  ['editor', 'project.update', true],
  ['owner', 'project.update', true],

  ['viewer', 'project.delete', false],
  ['member', 'project.delete', false],
  ['editor', 'project.delete', false],
  ['owner', 'project.delete', true],

  ['viewer', 'project.leave', true],
  ['member', 'project.leave', true],
  ['editor', 'project.leave', true],
  ['owner', 'project.leave', true],

  ['viewer', 'project.member.read', true],
  ['member', 'project.member.read', true],
  ['editor', 'project.member.read', true],
  ['owner', 'project.member.read', true],

  ['viewer', 'project.member.manage', false],
  ['member', 'project.member.manage', false],
  ['editor', 'project.member.manage', false],
  ['owner', 'project.member.manage', true],

  ['viewer', 'project.ownership.transfer', false],
  ['member', 'project.ownership.transfer', false],
  ['editor', 'project.ownership.transfer', false],
  ['owner', 'project.ownership.transfer', true],

  ['viewer', 'project.share', false],
  ['member', 'project.share', false],
  ['editor', 'project.share', false],
  ['owner', 'project.share', true],

  ['viewer', 'project.config.read', true],
  ['member', 'project.config.read', true],
  ['editor', 'project.config.read', true],
  ['owner', 'project.config.read', true],

  ['viewer', 'project.config.update', false],
  ['member', 'project.config.update', false],
  ['editor', 'project.config.update', true],
  ['owner', 'project.config.update', true],

  ['viewer', 'conversation.read', true],
  ['member', 'conversation.read', true],
  ['editor', 'conversation.read', true],
  ['owner', 'conversation.read', true],

  ['viewer', 'conversation.create', false],
  ['member', 'conversation.create', true],
  ['editor', 'conversation.create', true],
  ['owner', 'conversation.create', true],

  ['viewer', 'conversation.update-own', false],
  ['member', 'conversation.update-own', true],
  ['editor', 'conversation.update-own', true],
  ['owner', 'conversation.update-own', true],

  ['viewer', 'conversation.delete-own', false],
  ['member', 'conversation.delete-own', true],
  ['editor', 'conversation.delete-own', true],
  ['owner', 'conversation.delete-own', true],

  ['viewer', 'conversation.delete-any', false],
  ['member', 'conversation.delete-any', false],
  ['editor', 'conversation.delete-any', false],
  ['owner', 'conversation.delete-any', true],

  ['viewer', 'message.create', false],
  ['member', 'message.create', true],
  ['editor', 'message.create', true],
  ['owner', 'message.create', true],

  ['viewer', 'message.edit-own', false],
  ['member', 'message.edit-own', true],
  ['editor', 'message.edit-own', true],
  ['owner', 'message.edit-own', true],

  ['viewer', 'message.delete-own', false],
  ['member', 'message.delete-own', true],
  ['editor', 'message.delete-own', true],
  ['owner', 'message.delete-own', true],

  ['viewer', 'message.delete-any', false],
  ['member', 'message.delete-any', false],
  ['editor', 'message.delete-any', false],
  ['owner', 'message.delete-any', true],

  ['viewer', 'message.rate', false],
  ['member', 'message.rate', true],
  ['editor', 'message.rate', true],
  ['owner', 'message.rate', true],

  ['viewer', 'agent.run', false],
  ['member', 'agent.run', true],
  ['editor', 'agent.run', true],
  ['owner', 'agent.run', true],

  ['viewer', 'agent.fork-into', false],
  ['member', 'agent.fork-into', false],
  ['editor', 'agent.fork-into', true],
  ['owner', 'agent.fork-into', true],

  ['viewer', 'project.search', true],
  ['member', 'project.search', true],
  ['editor', 'project.search', true],
  ['owner', 'project.search', true],

  ['viewer', 'project.export', false],
  ['member', 'project.export', false],
  ['editor', 'project.export', true],
  ['owner', 'project.export', true],

  ['viewer', 'project.audit.read', false],
  ['member', 'project.audit.read', false],
  ['editor', 'project.audit.read', false],
  ['owner', 'project.audit.read', true],

  ['viewer', 'project.audit.export', false],
  ['member', 'project.audit.export', false],
  ['editor', 'project.audit.export', false],
  ['owner', 'project.audit.export', true],

  ['viewer', 'knowledge.read', true],
  ['member', 'knowledge.read', true],
  ['editor', 'knowledge.read', true],
  ['owner', 'knowledge.read', true],

  ['viewer', 'knowledge.write', false],
  ['member', 'knowledge.write', false],
  ['editor', 'knowledge.write', true],
  ['owner', 'knowledge.write', true],

  ['viewer', 'registry.model.manage-in-project', false],
  ['member', 'registry.model.manage-in-project', true],
  ['editor', 'registry.model.manage-in-project', true],
  ['owner', 'registry.model.manage-in-project', true],

  ['viewer', 'registry.agent.manage-in-project', false],
  ['member', 'registry.agent.manage-in-project', true],
  ['editor', 'registry.agent.manage-in-project', true],
  ['owner', 'registry.agent.manage-in-project', true],
];


/*
 * Entry actions are decided by visibility and ownership. One public agent owned by alice, seen by
 * its owner, a plain org member, an org admin, and someone from another organization; visibility
 * changes move it into project p1, where alice is a member and bob a viewer.
 */
const publicAgent: RegistryEntryRef = {
  kind: 'agent',
  orgId: 'org-1',
  ownerId: 'alice',
  visibility: { level: 'public' },
  retired: false,
  isDefaultAgent: false,
};

function viewer(userId: string, orgId: string, orgRole: OrgRole, projects: [string, ProjectRole][]): ViewerContext {
  return {
    userId,
    orgId,
    orgRole,
    projectRoles: new Map(projects),
    workgroupRoles: new Map(),
    projectWorkgroups: new Map(),
  };
}

const viewers = {
  alice: viewer('alice', 'org-1', 'member', [['p1', 'member']]),
  bob: viewer('bob', 'org-1', 'member', [['p1', 'viewer']]),
  carol: viewer('carol', 'org-1', 'admin', []),
  dave: viewer('dave', 'org-2', 'owner', [['p1', 'owner']]),
};

const entryExpectations: readonly (readonly [keyof typeof viewers, EntryAction, boolean])[] = [
  ['alice', 'registry.entry.see', true],
  ['bob', 'registry.entry.see', true],
  ['carol', 'registry.entry.see', true],
  ['dave', 'registry.entry.see', false],

  ['alice', 'registry.entry.stats.read', true],
  ['bob', 'registry.entry.stats.read', true],
  ['carol', 'registry.entry.stats.read', true],
  ['dave', 'registry.entry.stats.read', false],

  ['alice', 'registry.entry.use', true],
  ['bob', 'registry.entry.use', true],
  ['carol', 'registry.entry.use', true],
  ['dave', 'registry.entry.use', false],

  ['alice', 'registry.entry.fork', true],
  ['bob', 'registry.entry.fork', true],
  ['carol', 'registry.entry.fork', true],
  ['dave', 'registry.entry.fork', false],

  ['alice', 'registry.entry.update', true],
  ['bob', 'registry.entry.update', false],
  ['carol', 'registry.entry.update', true],
  ['dave', 'registry.entry.update', false],

  ['alice', 'registry.entry.version.add', true],
  ['bob', 'registry.entry.version.add', false],
  ['carol', 'registry.entry.version.add', true],
  ['dave', 'registry.entry.version.add', false],

  ['alice', 'registry.entry.version.set-current', true],
  ['bob', 'registry.entry.version.set-current', false],
  ['carol', 'registry.entry.version.set-current', true],
  ['dave', 'registry.entry.version.set-current', false],

  ['alice', 'registry.entry.retire', true],
  ['bob', 'registry.entry.retire', false],
  ['carol', 'registry.entry.retire', true],
  ['dave', 'registry.entry.retire', false],

  ['alice', 'registry.entry.delete', true],
  ['bob', 'registry.entry.delete', false],
  ['carol', 'registry.entry.delete', true],
  ['dave', 'registry.entry.delete', false],

  ['alice', 'registry.entry.change-visibility', true],
  ['bob', 'registry.entry.change-visibility', false],
  ['carol', 'registry.entry.change-visibility', true],
  ['dave', 'registry.entry.change-visibility', false],
];

describe('the capability table', () => {
  it.each(orgExpectations)('org %s may %s: %s', (role, action, expected) => {
    expect(hasCapability(role, action)).toBe(expected);
    expect(capabilitiesOf(role, 'org').includes(action)).toBe(expected);
  });

  it.each(workgroupExpectations)('workgroup %s may %s: %s', (role, action, expected) => {
    expect(hasCapability(role, action)).toBe(expected);
    expect(capabilitiesOf(role, 'workgroup').includes(action)).toBe(expected);
  });

  it.each(projectExpectations)('project %s may %s: %s', (role, action, expected) => {
    expect(hasCapability(role, action)).toBe(expected);
    expect(capabilitiesOf(role, 'project').includes(action)).toBe(expected);
  });

  it.each(entryExpectations)('%s may %s a public agent: %s', (name, action, expected) => {
    const decision =
      action === 'registry.entry.change-visibility'
        ? decide(viewers[name], action, { scope: 'entry', entry: publicAgent, target: { level: 'project', projectId: 'p1' } })
        : decide(viewers[name], action, { scope: 'entry', entry: publicAgent });
    expect(decision.allowed).toBe(expected);
  });

  it('has exactly one expectation per role and action of each scope', () => {
    const cells = (rows: readonly (readonly [string, string, boolean])[]) =>
      rows.map(([role, action]) => `${role} ${action}`).sort();
    const every = (roles: readonly string[], actions: readonly string[]) =>
      roles.flatMap((role) => actions.map((action) => `${role} ${action}`)).sort();
    expect(cells(orgExpectations)).toEqual(every(orgRoles, orgActions));
    expect(cells(workgroupExpectations)).toEqual(every(projectRoles, workgroupActions));
    expect(cells(projectExpectations)).toEqual(every(projectRoles, projectActions));
  });

  it('leaves no action of actions.ts without an expectation in these tests', () => {
    const tested = new Set<string>([
      ...orgExpectations.map(([, action]) => action),
      ...workgroupExpectations.map(([, action]) => action),
      ...projectExpectations.map(([, action]) => action),
      ...entryExpectations.map(([, action]) => action),
    ]);
    expect([...tested].sort()).toEqual([...allActions].sort());
  });

  it('has a row of the right scope for every action', () => {
    for (const action of orgActions) expect(capabilities[action].scope).toBe('org');
    for (const action of workgroupActions) expect(capabilities[action].scope).toBe('workgroup');
    for (const action of projectActions) expect(capabilities[action].scope).toBe('project');
    for (const action of entryActions) expect(capabilities[action].scope).toBe('entry');
    expect(Object.keys(capabilities).sort()).toEqual([...allActions].sort());
  });

  it('gives no one any role-decided action without a role', () => {
    for (const action of orgActions) expect(hasCapability(undefined, action)).toBe(false);
    for (const action of [...workgroupActions, ...projectActions]) {
      expect(hasCapability(undefined, action)).toBe(false);
    }
  });

  it('lists capabilities in the order of actions.ts', () => {
    const owned = capabilitiesOf('owner', 'project');
    expect(owned).toEqual(projectActions.filter((action) => owned.includes(action)));
  });
});

describe('role order', () => {
  const rankedPair = <R extends string>(roles: readonly R[]) =>
    fc
      .tuple(fc.integer({ min: 0, max: roles.length - 1 }), fc.integer({ min: 0, max: roles.length - 1 }))
      .map(([a, b]) => [roles[Math.min(a, b)], roles[Math.max(a, b)]] as [R, R]);

  it('never gives a higher org role fewer capabilities than a lower one', () => {
    fc.assert(
      fc.property(rankedPair(orgRoles), ([lower, higher]) => {
        const held = new Set(capabilitiesOf(higher, 'org'));
        expect(capabilitiesOf(lower, 'org').filter((action) => !held.has(action))).toEqual([]);
      }),
    );
  });

  it('never gives a higher workgroup role fewer capabilities than a lower one', () => {
    fc.assert(
      fc.property(rankedPair(projectRoles), ([lower, higher]) => {
        const held = new Set(capabilitiesOf(higher, 'workgroup'));
        expect(capabilitiesOf(lower, 'workgroup').filter((action) => !held.has(action))).toEqual([]);
      }),
    );
  });

  it('never gives a higher project role fewer capabilities than a lower one', () => {
    fc.assert(
      fc.property(rankedPair(projectRoles), ([lower, higher]) => {
        const held = new Set(capabilitiesOf(higher, 'project'));
        expect(capabilitiesOf(lower, 'project').filter((action) => !held.has(action))).toEqual([]);
      }),
    );
  });

  it('gives the top role of each scope every action of that scope', () => {
    expect(capabilitiesOf('owner', 'org')).toEqual(orgActions);
    expect(capabilitiesOf('owner', 'workgroup')).toEqual(workgroupActions);
    expect(capabilitiesOf('owner', 'project')).toEqual(projectActions);
  });
});
