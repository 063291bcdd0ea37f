import { describe, expect, it } from 'vitest';
import type { OrgRole, ProjectRole } from '../../../../shared/domain/roles';
import { apiContract, endpointGroups } from '../../../../shared/rest/api-contract';
import type { PolicyFacts } from '../../../../shared/policy/decide-endpoint';
import type { EndpointRequest } from '../../../../shared/rest/endpoint-access';
import { decideEndpoint } from '../../../../shared/policy/decide-endpoint';
import type { EndpointKey } from '../../../../shared/rest/api-contract';
import { endpointPolicy } from '../../../../shared/policy/endpoint-policy';
import type { RegistryEntryRef } from '../../../../shared/policy/visibility';

const org = 'org_0000000000000001';
const me = 'usr_0000000000000001';
const other = 'usr_0000000000000002';
const alpha = 'prj_000000000000000a';
const beta = 'prj_000000000000000b';
const unknownProject = 'prj_00000000000000ff';
const research = 'wg_000000000000000r';
const myModel = 'mdl_0000000000000001';
const theirModel = 'mdl_0000000000000002';
const theirPrivate = 'mdl_0000000000000003';
const agent = 'agt_0000000000000001';

interface Who {
  orgRole: OrgRole;
  projects?: Record<string, ProjectRole>;
  workgroups?: Record<string, ProjectRole>;
}

const entries: Record<string, RegistryEntryRef> = {
  [myModel]: { kind: 'model', orgId: org, ownerId: me, visibility: { level: 'project', projectId: alpha }, retired: false, isDefaultAgent: false },
  [theirModel]: { kind: 'model', orgId: org, ownerId: other, visibility: { level: 'public' }, retired: false, isDefaultAgent: false },
  [theirPrivate]: { kind: 'model', orgId: org, ownerId: other, visibility: { level: 'private' }, retired: false, isDefaultAgent: false },
  [agent]: { kind: 'agent', orgId: org, ownerId: other, visibility: { level: 'public' }, retired: true, isDefaultAgent: false },
};

function facts(who: Who): PolicyFacts {
  return {
    viewer: {
      userId: me,
      orgId: org,
      orgRole: who.orgRole,
      projectRoles: new Map(Object.entries(who.projects ?? {})),
      workgroupRoles: new Map(Object.entries(who.workgroups ?? {})),
      projectWorkgroups: new Map([[alpha, [research]]]),
    },
    entry: (kind, id) => (entries[id]?.kind === kind ? entries[id] : undefined),
  };
}

const member: Who = { orgRole: 'member', projects: { [alpha]: 'editor', [beta]: 'viewer' }, workgroups: { [research]: 'member' } };
const admin: Who = { orgRole: 'admin' };

type Row = [who: string, endpoint: EndpointKey, request: EndpointRequest, expected: 'allowed' | `${'forbidden' | 'not_found' | 'conflict'}: ${string}`];

const people: Record<string, Who> = { member, admin, viewerOnly: { orgRole: 'member', projects: { [alpha]: 'viewer' } } };

const table: Row[] = [
  // Project roles: the scope id comes from the path.
  ['member', 'project.update', { params: { id: alpha }, body: {} }, 'allowed'],
  ['member', 'project.patch', { params: { id: beta }, body: {} }, 'forbidden: Viewers cannot rename or describe the project'],
  ['member', 'project.delete', { params: { id: alpha } }, 'forbidden: Editors cannot delete the project'],
  ['member', 'project.config.update', { params: { id: alpha }, body: {} }, 'allowed'],
  ['member', 'project.config.update', { params: { id: beta }, body: {} }, "forbidden: Viewers cannot change the project's configuration"],
  ['member', 'project.member.add', { params: { id: alpha }, body: { userId: other, role: 'viewer' } }, "forbidden: Editors cannot manage the project's members"],
  ['member', 'project.member.update', { params: { id: alpha, uid: other }, body: { role: 'viewer' } }, "forbidden: Editors cannot manage the project's members"],
  ['member', 'project.member.remove', { params: { id: alpha, uid: other } }, "forbidden: Editors cannot manage the project's members"],
  // Removing yourself is leaving, which every role may.
  ['member', 'project.member.remove', { params: { id: beta, uid: me } }, 'allowed'],
  ['member', 'project.ownership.transfer', { params: { id: alpha }, body: {} }, 'forbidden: Editors cannot transfer ownership of the project'],
  ['member', 'conversation.create', { params: { id: beta }, body: {} }, 'forbidden: Viewers cannot start conversations'],
  ['member', 'conversation.create', { params: { id: alpha }, body: {} }, 'allowed'],
  // A project the client holds no role on is left to the server (the replica may be behind).
  ['member', 'project.update', { params: { id: unknownProject }, body: {} }, 'allowed'],
  // Org owners and admins own every project, known locally or not.
  ['admin', 'project.delete', { params: { id: unknownProject } }, 'allowed'],

  // Org roles.
  ['member', 'project.create', { body: { name: 'New' } }, 'allowed'],
  ['member', 'workgroup.create', { body: { name: 'New' } }, 'forbidden: Organization members cannot create workgroups'],
  ['admin', 'workgroup.create', { body: { name: 'New' } }, 'allowed'],
  ['member', 'org.update', { params: { id: org }, body: {} }, "forbidden: Organization members cannot change the organization's settings"],
  ['member', 'org.member.update-role', { params: { id: org, uid: other }, body: { role: 'admin' } }, "forbidden: Organization members cannot change members' roles"],
  ['member', 'org.member.remove', { params: { id: org, uid: other } }, 'forbidden: Organization members cannot remove members from the organization'],
  ['member', 'org.member.remove', { params: { id: org, uid: me } }, 'allowed'],

  // Invitations: the target decides which scope is asked.
  ['member', 'invitation.create', { body: { email: 'a@b.test', target: { kind: 'organization', role: 'member' } } }, 'forbidden: Organization members cannot invite people to the organization'],
  ['member', 'invitation.create', { body: { email: 'a@b.test', target: { kind: 'project', projectId: alpha, role: 'viewer' } } }, "forbidden: Editors cannot manage the project's members"],
  ['admin', 'invitation.create', { body: { email: 'a@b.test', target: { kind: 'project', projectId: alpha, role: 'viewer' } } }, 'allowed'],

  // Workgroups: the path, and the project being added from the body.
  ['member', 'workgroup.update', { params: { id: research }, body: {} }, 'forbidden: Workgroup members cannot rename or describe the workgroup'],
  ['member', 'workgroup.member.upsert', { params: { id: research }, body: {} }, "forbidden: Workgroup members cannot manage the workgroup's members"],
  ['member', 'workgroup.member.remove', { params: { id: research, uid: me } }, 'allowed'],
  ['member', 'workgroup.project.add', { params: { id: research }, body: { projectId: alpha } }, 'forbidden: Workgroup members cannot add projects to the workgroup'],
  ['admin', 'workgroup.project.add', { params: { id: research }, body: { projectId: alpha } }, 'allowed'],

  // Registries: registration and publishing, and entries as the replica holds them.
  ['member', 'model.create', { body: { name: 'm', visibility: { level: 'private' } } }, 'allowed'],
  ['member', 'model.create', { body: { name: 'm', visibility: { level: 'project', projectId: alpha } } }, 'allowed'],
  ['member', 'model.create', { body: { name: 'm', visibility: { level: 'project', projectId: beta } } }, 'forbidden: You can only publish to projects where you can write'],
  ['viewerOnly', 'agent.create', { body: { name: 'a', projectId: alpha, visibility: { level: 'private' } } }, 'forbidden: Viewers cannot publish agents to the project'],
  ['member', 'model.update', { params: { id: myModel }, body: {} }, 'allowed'],
  ['member', 'model.update', { params: { id: theirModel }, body: {} }, 'forbidden: Only its owner or an organization admin can change this entry'],
  ['admin', 'model.delete', { params: { id: theirModel } }, 'allowed'],
  ['admin', 'model.delete', { params: { id: theirPrivate } }, 'not_found: This entry does not exist or is not visible to you'],
  ['member', 'model.visibility.update', { params: { id: myModel }, body: { level: 'project', projectId: beta } }, 'forbidden: You can only publish to projects where you can write'],
  ['member', 'model.visibility.update', { params: { id: myModel }, body: { level: 'public' } }, 'allowed'],
  ['member', 'agent.fork', { params: { id: agent }, body: { projectId: alpha } }, 'forbidden: This agent is retired'],
  ['member', 'model.update', { params: { id: 'mdl_00000000000000ff' }, body: {} }, 'allowed'],

  // Knowledge bases: the owner named at creation decides.
  ['member', 'knowledge-base.create', { body: { name: 'k', owner: { kind: 'project', projectId: alpha } } }, 'allowed'],
  ['member', 'knowledge-base.create', { body: { name: 'k', owner: { kind: 'project', projectId: beta } } }, "forbidden: Viewers cannot change the project's knowledge bases"],
  ['member', 'knowledge-base.create', { body: { name: 'k', owner: { kind: 'workgroup', workgroupId: research } } }, "forbidden: Workgroup members cannot change the workgroup's knowledge bases"],

  // Reads are declared too; a scope the local copy does not hold goes to the server.
  ['member', 'project.read', { params: { id: beta } }, 'allowed'],
  ['member', 'project.export', { params: { id: beta } }, 'forbidden: Viewers cannot export the project'],
  ['member', 'project.read', { params: { id: unknownProject } }, 'allowed'],
  // Checks after a subject the client cannot see are the server's to decide, as it decides them in order.
  ['member', 'workgroup.project.add', { params: { id: 'wg_00000000000000ff' }, body: { projectId: beta } }, 'allowed'],
  ['member', 'workgroup.project.add', { params: { id: research }, body: { projectId: beta } }, 'forbidden: Workgroup members cannot add projects to the workgroup'],
];

describe('client-side policy by endpoint', () => {
  it.each(table)('%s: %s %j → %s', (who, endpoint, request, expected) => {
    const decision = decideEndpoint(endpoint, request, facts(people[who] ?? member));
    if (expected === 'allowed') expect(decision).toEqual({ allowed: true });
    else expect(decision.allowed ? 'allowed' : `${decision.code}: ${decision.reason}`).toBe(expected);
  });

  it('has a row for every change to projects, members, config, conversations, workgroups, organizations and registries', () => {
    const groups = ['projects', 'workgroups', 'orgs', 'model-registry', 'agent-registry'] as const;
    const changes = groups.flatMap((group) =>
      Object.entries(endpointGroups[group])
        .filter(([, endpoint]) => endpoint.method !== 'GET')
        .map(([key]) => key),
    );
    expect(changes.filter((key) => !Object.hasOwn(endpointPolicy, key))).toEqual([]);
  });

  it('names only endpoints of the REST contract', () => {
    expect(Object.keys(endpointPolicy).filter((key) => !Object.hasOwn(apiContract, key))).toEqual([]);
  });

  it('never reads inherited properties of the request', () => {
    const decision = decideEndpoint('project.update', { params: JSON.parse('{"__proto__": {"id": "x"}}') as Record<string, string>, body: {} }, facts(member));
    expect(decision).toEqual({ allowed: true });
  });
});
