import type { OrgRole, ProjectRole, WorkgroupRole } from '../domain/roles';
import type {
  Action,
  OrgAction,
  ProjectAction,
  RoleAction,
  WorkgroupAction,
} from './actions';
import { actionsByScope } from './actions';

/**
 * The rule an entry action is decided by (see `visibility.ts` and `decide.ts`): seeing, using,
 * forking, managing, and the managing actions that an invariant can still refuse.
 */
export type EntryRule = 'see' | 'use' | 'fork' | 'manage' | 'retire' | 'delete' | 'change-visibility';

/**
 * `what` completes the sentence "<roles> cannot ..." so a refusal can tell the person what they
 * tried to do, in the same words on the client and in the server's error.
 */
export interface OrgCapability {
  readonly scope: 'org';
  readonly roles: readonly OrgRole[];
  readonly what: string;
}
export interface WorkgroupCapability {
  readonly scope: 'workgroup';
  readonly roles: readonly WorkgroupRole[];
  readonly what: string;
}
export interface ProjectCapability {
  readonly scope: 'project';
  readonly roles: readonly ProjectRole[];
  readonly what: string;
}
export interface EntryCapability {
  readonly scope: 'entry';
  readonly rule: EntryRule;
  readonly what: string;
}
export type RoleCapability = OrgCapability | WorkgroupCapability | ProjectCapability;
export type Capability = RoleCapability | EntryCapability;

export type CapabilityFor<A extends Action> = A extends OrgAction
  ? OrgCapability
  : A extends WorkgroupAction
    ? WorkgroupCapability
    : A extends ProjectAction
      ? ProjectCapability
      : EntryCapability;

export type CapabilityTable = { readonly [A in Action]: CapabilityFor<A> };

/**
 * THE table: for each action, its scope and the exact roles that hold it. Roles are listed, not
 * derived from a minimum rank, so every cell is a decision someone made and a test can check.
 *
 * Org: owners hold everything. Admins hold everything except changing the plan (it is billing, and
 * an admin must not be able to buy or cancel on the owners' behalf); that admins cannot remove,
 * demote or create owners is a rule about the target, in `org-member-rules.ts`. Members read the
 * organization, manage their own API keys, create projects (the plan limits how many) and register
 * registry entries.
 *
 * Projects and workgroups: owners have full control; editors use and configure (settings, model
 * lock, tool allowlist, knowledge, forking agents in) but do not manage members, delete, share or
 * moderate other people's content; members chat and run agents; viewers only read conversations
 * and results. Export is a bulk copy out of the project boundary, so it is held to the roles that
 * are trusted with configuration. Publishing a registry entry into a project or workgroup
 * (`manage-in-*`) is a write, so viewers cannot do it.
 */
export const capabilities: CapabilityTable = {
  'org.read': { scope: 'org', roles: ['member', 'admin', 'owner'], what: 'see the organization' },
  'org.update': { scope: 'org', roles: ['admin', 'owner'], what: "change the organization's settings" },
  'org.plan.update': { scope: 'org', roles: ['owner'], what: 'change the plan' },
  'org.leave': { scope: 'org', roles: ['member', 'admin', 'owner'], what: 'leave the organization' },
  'org.member.read': { scope: 'org', roles: ['member', 'admin', 'owner'], what: "see the organization's members" },
  'org.member.invite': { scope: 'org', roles: ['admin', 'owner'], what: 'add people to the organization' },
  'org.member.update-role': { scope: 'org', roles: ['admin', 'owner'], what: "change members' roles" },
  'org.member.remove': { scope: 'org', roles: ['admin', 'owner'], what: 'remove members from the organization' },
  'org.audit.read': { scope: 'org', roles: ['admin', 'owner'], what: "read the organization's audit log" },
  'org.audit.export': { scope: 'org', roles: ['admin', 'owner'], what: "export the organization's audit log" },
  'connection.read': { scope: 'org', roles: ['member', 'admin', 'owner'], what: 'see the model connections (never their keys)' },
  'connection.manage': { scope: 'org', roles: ['admin', 'owner'], what: "configure the organization's model connections" },
  'invitation.read': { scope: 'org', roles: ['admin', 'owner'], what: 'see pending invitations' },
  'invitation.create': { scope: 'org', roles: ['admin', 'owner'], what: 'invite people to the organization' },
  'invitation.revoke': { scope: 'org', roles: ['admin', 'owner'], what: 'revoke invitations' },
  'api-key.read-own': { scope: 'org', roles: ['member', 'admin', 'owner'], what: 'see their API keys' },
  'api-key.create-own': { scope: 'org', roles: ['member', 'admin', 'owner'], what: 'create API keys' },
  'api-key.revoke-own': { scope: 'org', roles: ['member', 'admin', 'owner'], what: 'revoke their API keys' },
  'api-key.read-all': { scope: 'org', roles: ['admin', 'owner'], what: "see other people's API keys" },
  'api-key.revoke-any': { scope: 'org', roles: ['admin', 'owner'], what: "revoke other people's API keys" },
  'api-key.create-for-service': { scope: 'org', roles: ['admin', 'owner'], what: 'mint API keys for service accounts' },
  'workgroup.create': { scope: 'org', roles: ['admin', 'owner'], what: 'create workgroups' },
  'project.create': { scope: 'org', roles: ['member', 'admin', 'owner'], what: 'create projects' },
  'registry.read': { scope: 'org', roles: ['member', 'admin', 'owner'], what: 'browse the registries' },
  'registry.model.register': { scope: 'org', roles: ['member', 'admin', 'owner'], what: 'register models' },
  'registry.agent.register': { scope: 'org', roles: ['member', 'admin', 'owner'], what: 'register agents' },
  'registry.model.verify': { scope: 'org', roles: ['admin', 'owner'], what: 'mark models verified' },
  'org.knowledge.read': { scope: 'org', roles: ['member', 'admin', 'owner'], what: "read the organization's knowledge bases" },
  'org.knowledge.write': { scope: 'org', roles: ['admin', 'owner'], what: "change the organization's knowledge bases" },

  'workgroup.read': { scope: 'workgroup', roles: ['viewer', 'member', 'editor', 'owner'], what: 'see this workgroup' },
  'workgroup.update': { scope: 'workgroup', roles: ['editor', 'owner'], what: 'rename or describe the workgroup' },
  'workgroup.delete': { scope: 'workgroup', roles: ['owner'], what: 'delete the workgroup' },
  'workgroup.leave': { scope: 'workgroup', roles: ['viewer', 'member', 'editor', 'owner'], what: 'leave the workgroup' },
  'workgroup.settings.update': { scope: 'workgroup', roles: ['editor', 'owner'], what: "change the workgroup's shared settings" },
  'workgroup.member.read': { scope: 'workgroup', roles: ['viewer', 'member', 'editor', 'owner'], what: "see the workgroup's members" },
  'workgroup.member.manage': { scope: 'workgroup', roles: ['owner'], what: "manage the workgroup's members" },
  'workgroup.project.add': { scope: 'workgroup', roles: ['owner'], what: 'add projects to the workgroup' },
  'workgroup.project.remove': { scope: 'workgroup', roles: ['owner'], what: 'remove projects from the workgroup' },
  'workgroup.knowledge.read': { scope: 'workgroup', roles: ['viewer', 'member', 'editor', 'owner'], what: "read the workgroup's knowledge bases" },
  'workgroup.knowledge.write': { scope: 'workgroup', roles: ['editor', 'owner'], what: "change the workgroup's knowledge bases" },
  'workgroup.connection.manage': { scope: 'workgroup', roles: ['owner'], what: "configure the workgroup's model connections" },
  'registry.model.manage-in-workgroup': { scope: 'workgroup', roles: ['member', 'editor', 'owner'], what: 'publish models to the workgroup' },
  'registry.agent.manage-in-workgroup': { scope: 'workgroup', roles: ['member', 'editor', 'owner'], what: 'publish agents to the workgroup' },

  'project.read': { scope: 'project', roles: ['viewer', 'member', 'editor', 'owner'], what: 'see this project' },
  'project.update': { scope: 'project', roles: ['editor', 'owner'], what: 'rename or describe the project' },
  'project.delete': { scope: 'project', roles: ['owner'], what: 'delete the project' },
  'project.leave': { scope: 'project', roles: ['viewer', 'member', 'editor', 'owner'], what: 'leave the project' },
  'project.member.read': { scope: 'project', roles: ['viewer', 'member', 'editor', 'owner'], what: "see the project's members" },
  'project.member.manage': { scope: 'project', roles: ['owner'], what: "manage the project's members" },
  'project.ownership.transfer': { scope: 'project', roles: ['owner'], what: 'transfer ownership of the project' },
  'project.share': { scope: 'project', roles: ['owner'], what: 'share the project into other workgroups' },
  'project.config.read': { scope: 'project', roles: ['viewer', 'member', 'editor', 'owner'], what: "see the project's configuration" },
  'project.config.update': { scope: 'project', roles: ['editor', 'owner'], what: "change the project's configuration" },
  'conversation.read': { scope: 'project', roles: ['viewer', 'member', 'editor', 'owner'], what: 'read conversations' },
  'conversation.create': { scope: 'project', roles: ['member', 'editor', 'owner'], what: 'start conversations' },
  'conversation.update-own': { scope: 'project', roles: ['member', 'editor', 'owner'], what: 'change their conversations' },
  'conversation.delete-own': { scope: 'project', roles: ['member', 'editor', 'owner'], what: 'delete their conversations' },
  'conversation.delete-any': { scope: 'project', roles: ['owner'], what: "delete other people's conversations" },
  'message.create': { scope: 'project', roles: ['member', 'editor', 'owner'], what: 'write messages' },
  'message.edit-own': { scope: 'project', roles: ['member', 'editor', 'owner'], what: 'edit their messages' },
  'message.delete-own': { scope: 'project', roles: ['member', 'editor', 'owner'], what: 'delete their messages' },
  'message.delete-any': { scope: 'project', roles: ['owner'], what: "delete other people's messages" },
  'message.rate': { scope: 'project', roles: ['member', 'editor', 'owner'], what: 'rate answers' },
  'agent.run': { scope: 'project', roles: ['member', 'editor', 'owner'], what: 'run agents' },
  'agent.fork-into': { scope: 'project', roles: ['editor', 'owner'], what: 'fork agents into the project' },
  'project.search': { scope: 'project', roles: ['viewer', 'member', 'editor', 'owner'], what: 'search the project' },
  'project.export': { scope: 'project', roles: ['editor', 'owner'], what: 'export the project' },
  'project.audit.read': { scope: 'project', roles: ['owner'], what: "read the project's audit log" },
  'project.audit.export': { scope: 'project', roles: ['owner'], what: "export the project's audit log" },
  'knowledge.read': { scope: 'project', roles: ['viewer', 'member', 'editor', 'owner'], what: "read the project's knowledge bases" },
  'knowledge.write': { scope: 'project', roles: ['editor', 'owner'], what: "change the project's knowledge bases" },
  'registry.model.manage-in-project': { scope: 'project', roles: ['member', 'editor', 'owner'], what: 'publish models to the project' },
  'registry.agent.manage-in-project': { scope: 'project', roles: ['member', 'editor', 'owner'], what: 'publish agents to the project' },

  'registry.entry.see': { scope: 'entry', rule: 'see', what: 'see this entry' },
  'registry.entry.stats.read': { scope: 'entry', rule: 'see', what: "see this entry's usage" },
  'registry.entry.use': { scope: 'entry', rule: 'use', what: 'use this entry' },
  'registry.entry.fork': { scope: 'entry', rule: 'fork', what: 'fork this agent' },
  'registry.entry.update': { scope: 'entry', rule: 'manage', what: 'change this entry' },
  'registry.entry.version.add': { scope: 'entry', rule: 'manage', what: 'add versions to this entry' },
  'registry.entry.version.set-current': { scope: 'entry', rule: 'manage', what: "change this entry's current version" },
  'registry.entry.retire': { scope: 'entry', rule: 'retire', what: 'retire this entry' },
  'registry.entry.delete': { scope: 'entry', rule: 'delete', what: 'delete this entry' },
  'registry.entry.change-visibility': { scope: 'entry', rule: 'change-visibility', what: "change this entry's visibility" },
};

function holds(row: RoleCapability, role: string): boolean {
  // The roles of the three scopes are different unions; the row's scope already fixed which one.
  return (row.roles as readonly string[]).includes(role);
}

/** Whether a role holds a role-decided action; `undefined` (no role at all) holds nothing. */
export function hasCapability(role: OrgRole | undefined, action: OrgAction): boolean;
export function hasCapability(
  role: WorkgroupRole | ProjectRole | undefined,
  action: WorkgroupAction | ProjectAction,
): boolean;
export function hasCapability(role: OrgRole | ProjectRole | undefined, action: RoleAction): boolean {
  if (role === undefined) return false;
  return holds(capabilities[action], role);
}

/** Every action a role holds in one scope, in the order of `actions.ts`. */
export function capabilitiesOf(role: OrgRole, scope: 'org'): readonly OrgAction[];
export function capabilitiesOf(role: WorkgroupRole, scope: 'workgroup'): readonly WorkgroupAction[];
export function capabilitiesOf(role: ProjectRole, scope: 'project'): readonly ProjectAction[];
export function capabilitiesOf(
  role: OrgRole | ProjectRole,
  scope: 'org' | 'workgroup' | 'project',
): readonly RoleAction[] {
  const actions: readonly RoleAction[] = actionsByScope[scope];
  return actions.filter((action) => holds(capabilities[action], role));
}
