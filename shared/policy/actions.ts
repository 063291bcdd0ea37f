/**
 * Every action the permission policy decides, named `<resource>.<verb>` and grouped by what decides
 * it. The grouping is the contract: an org action is decided by the org role alone, a workgroup
 * action by the effective workgroup role, a project action by the effective project role, and an
 * entry action by the registry entry's visibility and ownership (see `visibility.ts`).
 *
 * Object-level rules that no role table can express are decided next to the table, not in it:
 * "own" actions still need the caller to be the author, personal conversations stay with their
 * creator, and admins cannot touch owners (`org-member-rules.ts`).
 */

/** Decided by the organization role. */
export const orgActions = [
  'org.read',
  'org.update',
  'org.plan.update',
  'org.leave',
  'org.member.read',
  'org.member.invite',
  'org.member.update-role',
  'org.member.remove',
  'org.audit.read',
  'org.audit.export',
  'connection.read',
  'connection.manage',
  'invitation.read',
  'invitation.create',
  'invitation.revoke',
  'api-key.read-own',
  'api-key.create-own',
  'api-key.revoke-own',
  'api-key.read-all',
  'api-key.revoke-any',
  'api-key.create-for-service',
  'workgroup.create',
  'project.create',
  'registry.read',
  'registry.model.register',
  'registry.agent.register',
  'registry.model.verify',
  'org.knowledge.read',
  'org.knowledge.write',
] as const;

/** Decided by the effective workgroup role (org owners and admins own every workgroup). */
export const workgroupActions = [
  'workgroup.read',
  'workgroup.update',
  'workgroup.delete',
  'workgroup.leave',
  'workgroup.settings.update',
  'workgroup.member.read',
  'workgroup.member.manage',
  'workgroup.project.add',
  'workgroup.project.remove',
  'workgroup.knowledge.read',
  'workgroup.knowledge.write',
  'workgroup.connection.manage',
  'registry.model.manage-in-workgroup',
  'registry.agent.manage-in-workgroup',
] as const;

/** Decided by the effective project role. */
export const projectActions = [
  'project.read',
  'project.update',
  'project.delete',
  'project.leave',
  'project.member.read',
  'project.member.manage',
  'project.ownership.transfer',
  'project.share',
  'project.config.read',
  'project.config.update',
  'conversation.read',
  'conversation.create',
  'conversation.update-own',
  'conversation.delete-own',
  'conversation.delete-any',
  'message.create',
  'message.edit-own',
  'message.delete-own',
  'message.delete-any',
  'message.rate',
  'agent.run',
  'agent.fork-into',
  'project.search',
  'project.export',
  'project.audit.read',
  'project.audit.export',
  'knowledge.read',
  'knowledge.write',
  'registry.model.manage-in-project',
  'registry.agent.manage-in-project',
] as const;

/** Decided by a registry entry's visibility and ownership, not by a role table. */
export const entryActions = [
  'registry.entry.see',
  'registry.entry.stats.read',
  'registry.entry.use',
  'registry.entry.fork',
  'registry.entry.update',
  'registry.entry.version.add',
  'registry.entry.version.set-current',
  'registry.entry.retire',
  'registry.entry.delete',
  'registry.entry.change-visibility',
] as const;

export type OrgAction = (typeof orgActions)[number];
export type WorkgroupAction = (typeof workgroupActions)[number];
export type ProjectAction = (typeof projectActions)[number];
export type EntryAction = (typeof entryActions)[number];
export type Action = OrgAction | WorkgroupAction | ProjectAction | EntryAction;

/** Actions decided by a role table, as opposed to entry actions. */
export type RoleAction = OrgAction | WorkgroupAction | ProjectAction;

export const actionScopes = ['org', 'workgroup', 'project', 'entry'] as const;
export type ActionScope = (typeof actionScopes)[number];

export const actionsByScope = {
  org: orgActions,
  workgroup: workgroupActions,
  project: projectActions,
  entry: entryActions,
} as const satisfies Record<ActionScope, readonly string[]>;

export const allActions: readonly Action[] = [
  ...orgActions,
  ...workgroupActions,
  ...projectActions,
  ...entryActions,
];

const scopeByAction: ReadonlyMap<string, ActionScope> = new Map(
  actionScopes.flatMap((scope) => actionsByScope[scope].map((action) => [action, scope] as const)),
);

/** Narrows untrusted input (a REST parameter, a stored audit row) to a known action. */
export function isAction(value: string): value is Action {
  return scopeByAction.has(value);
}

export function scopeOfAction(action: Action): ActionScope {
  const scope = scopeByAction.get(action);
  if (scope === undefined) throw new Error(`unknown action ${action}`);
  return scope;
}

export function isOrgAction(action: Action): action is OrgAction {
  return scopeByAction.get(action) === 'org';
}

export function isWorkgroupAction(action: Action): action is WorkgroupAction {
  return scopeByAction.get(action) === 'workgroup';
}

export function isProjectAction(action: Action): action is ProjectAction {
  return scopeByAction.get(action) === 'project';
}

export function isEntryAction(action: Action): action is EntryAction {
  return scopeByAction.get(action) === 'entry';
}
