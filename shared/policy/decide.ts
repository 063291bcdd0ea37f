import type { OrgRole, ProjectRole, WorkgroupRole } from '../domain/roles';
import { higherProjectRole } from '../domain/roles';
import type { Visibility } from '../domain/visibility';
import type { Action, EntryAction, OrgAction, ProjectAction, WorkgroupAction } from './actions';
import { isEntryAction, isOrgAction, isProjectAction, isWorkgroupAction } from './actions';
import type { RoleCapability } from './capabilities';
import { capabilities, hasCapability } from './capabilities';
import type { Decision } from './decision';
import { allow, deny } from './decision';
import { orgGrantedRole } from './effective-role';
import type { InvariantResult } from './invariants';
import { checkEntryDeletion, checkEntryRetirement, checkEntryVisibilityChange } from './invariants';
import type { RegistryEntryRef, ViewerContext } from './visibility';
import { canManageEntry, canPublishInto, canSeeEntry } from './visibility';

/** Who is acting: their org membership, `orgRole` undefined when they are not in `orgId`. */
export interface Subject {
  readonly userId: string;
  readonly orgId: string;
  readonly orgRole: OrgRole | undefined;
}

export interface OrgContext {
  readonly scope: 'org';
  readonly orgId: string;
}

/**
 * `workgroupRole` and `projectRole` are the subject's roles on the resource, preferably effective
 * (`effective-role.ts`). The org grant is applied here again, so passing a direct role never
 * under-grants an org owner or admin.
 */
export interface WorkgroupContext {
  readonly scope: 'workgroup';
  readonly orgId: string;
  readonly workgroupRole: WorkgroupRole | undefined;
}

export interface ProjectContext {
  readonly scope: 'project';
  readonly orgId: string;
  readonly projectRole: ProjectRole | undefined;
}

export interface EntryContext {
  readonly scope: 'entry';
  readonly entry: RegistryEntryRef;
}

export interface EntryVisibilityContext extends EntryContext {
  readonly target: Visibility;
}

export type DecisionContext = OrgContext | WorkgroupContext | ProjectContext | EntryVisibilityContext | EntryContext;

const roleNouns = {
  org: { member: 'Organization members', admin: 'Organization admins', owner: 'Organization owners' },
  workgroup: {
    viewer: 'Workgroup viewers',
    member: 'Workgroup members',
    editor: 'Workgroup editors',
    owner: 'Workgroup owners',
  },
  project: { viewer: 'Viewers', member: 'Members', editor: 'Editors', owner: 'Owners' },
} as const satisfies {
  org: Record<OrgRole, string>;
  workgroup: Record<WorkgroupRole, string>;
  project: Record<ProjectRole, string>;
};

function roleDenial(row: RoleCapability, role: OrgRole | ProjectRole): Decision {
  const nouns: Readonly<Record<string, string>> = roleNouns[row.scope];
  return deny('forbidden', `${nouns[role] ?? role} cannot ${row.what}`);
}

const notInOrg = deny('not_found', 'You are not a member of this organization');

function sameOrg(subject: Subject, orgId: string): boolean {
  return subject.orgRole !== undefined && subject.orgId === orgId;
}

export function decideOrgAction(subject: Subject, action: OrgAction, context: OrgContext): Decision {
  if (subject.orgRole === undefined || subject.orgId !== context.orgId) return notInOrg;
  return hasCapability(subject.orgRole, action)
    ? allow
    : roleDenial(capabilities[action], subject.orgRole);
}

export function decideWorkgroupAction(
  subject: Subject,
  action: WorkgroupAction,
  context: WorkgroupContext,
): Decision {
  if (!sameOrg(subject, context.orgId)) return notInOrg;
  const role = higherProjectRole(context.workgroupRole, orgGrantedRole(subject.orgRole));
  if (role === undefined) return deny('not_found', 'You are not a member of this workgroup');
  return hasCapability(role, action) ? allow : roleDenial(capabilities[action], role);
}

export function decideProjectAction(
  subject: Subject,
  action: ProjectAction,
  context: ProjectContext,
): Decision {
  if (!sameOrg(subject, context.orgId)) return notInOrg;
  const role = higherProjectRole(context.projectRole, orgGrantedRole(subject.orgRole));
  if (role === undefined) return deny('not_found', 'You are not a member of this project');
  return hasCapability(role, action) ? allow : roleDenial(capabilities[action], role);
}

/**
 * An action on something with an author (a message, a conversation): the author needs `own`,
 * anyone else needs `any`; where there is no `any` (editing), only the author may.
 */
export function decideAuthoredAction(
  subject: Subject,
  actions: { readonly own: ProjectAction; readonly any?: ProjectAction },
  context: ProjectContext,
  authorId: string,
): Decision {
  if (authorId === subject.userId) return decideProjectAction(subject, actions.own, context);
  if (actions.any !== undefined) return decideProjectAction(subject, actions.any, context);
  const member = decideProjectAction(subject, 'project.read', context);
  return member.allowed ? deny('forbidden', 'Only its author can do that') : member;
}

function visibilityDenial(target: Visibility): Decision {
  switch (target.level) {
    case 'project':
      return deny('forbidden', 'You can only publish to projects where you can write');
    case 'workgroup':
      return deny('forbidden', 'You can only publish to workgroups where you are a member who can write');
    case 'private':
    case 'public':
      return deny('forbidden', 'You cannot publish there');
  }
}

function fromInvariant(result: InvariantResult): Decision {
  return result.ok ? allow : deny(result.code, result.reason);
}

/**
 * Entry actions follow the entry's visibility and ownership. An entry the viewer cannot see is
 * `not_found`, whatever was asked, so a refusal never confirms that it exists.
 */
export function decideEntryAction(
  viewer: ViewerContext,
  action: EntryAction,
  context: EntryContext | EntryVisibilityContext,
): Decision {
  const { entry } = context;
  if (!canSeeEntry(viewer, entry)) return deny('not_found', 'This entry does not exist or is not visible to you');
  const row = capabilities[action];
  switch (row.rule) {
    case 'see':
      return allow;
    case 'use':
      return entry.retired ? deny('forbidden', `This ${entry.kind} is retired`) : allow;
    case 'fork':
      if (entry.kind !== 'agent') return deny('forbidden', 'Only agents can be forked');
      return entry.retired ? deny('forbidden', 'This agent is retired') : allow;
    case 'manage':
    case 'retire':
    case 'delete':
    case 'change-visibility': {
      if (!canManageEntry(viewer, entry)) {
        return deny('forbidden', `Only its owner or an organization admin can ${row.what}`);
      }
      if (row.rule === 'retire') return fromInvariant(checkEntryRetirement(entry));
      if (row.rule === 'delete') return fromInvariant(checkEntryDeletion(entry));
      if (row.rule === 'manage') return allow;
      if (!('target' in context)) return deny('forbidden', 'No target visibility was given');
      const invariant = checkEntryVisibilityChange(entry, context.target);
      if (!invariant.ok) return fromInvariant(invariant);
      return canPublishInto(viewer, entry.kind, context.target) ? allow : visibilityDenial(context.target);
    }
  }
}

function isViewerContext(subject: Subject | ViewerContext): subject is ViewerContext {
  return 'projectRoles' in subject && 'workgroupRoles' in subject && 'projectWorkgroups' in subject;
}

/**
 * The one entry point both the client and the server call: the context says which scope the
 * action is decided in, and the overloads keep action and context of the same scope. Plan limits
 * are a separate question (`plan-limits.ts`): a role may allow what the plan does not include.
 * A mismatched call is refused rather than guessed at.
 */
export function decide(subject: Subject, action: OrgAction, context: OrgContext): Decision;
export function decide(subject: Subject, action: WorkgroupAction, context: WorkgroupContext): Decision;
export function decide(subject: Subject, action: ProjectAction, context: ProjectContext): Decision;
export function decide(
  viewer: ViewerContext,
  action: 'registry.entry.change-visibility',
  context: EntryVisibilityContext,
): Decision;
export function decide(
  viewer: ViewerContext,
  action: Exclude<EntryAction, 'registry.entry.change-visibility'>,
  context: EntryContext,
): Decision;
export function decide(subject: Subject | ViewerContext, action: Action, context: DecisionContext): Decision {
  switch (context.scope) {
    case 'org':
      if (isOrgAction(action)) return decideOrgAction(subject, action, context);
      break;
    case 'workgroup':
      if (isWorkgroupAction(action)) return decideWorkgroupAction(subject, action, context);
      break;
    case 'project':
      if (isProjectAction(action)) return decideProjectAction(subject, action, context);
      break;
    case 'entry':
      if (isEntryAction(action) && isViewerContext(subject)) return decideEntryAction(subject, action, context);
      break;
  }
  return deny('forbidden', `${action} cannot be decided in the ${context.scope} scope`);
}
