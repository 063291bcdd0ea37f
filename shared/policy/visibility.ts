import type { OrgRole, ProjectRole, WorkgroupRole } from '../domain/roles';
import { higherProjectRole } from '../domain/roles';
import type { Visibility } from '../domain/visibility';
import type { ProjectAction, WorkgroupAction } from './actions';
import { hasCapability } from './capabilities';
import { orgGrantedRole } from './effective-role';
import { checkEntryVisibilityChange } from './invariants';

export type EntryKind = 'model' | 'agent';

/** What the policy needs to know about a model or agent entry. */
export interface RegistryEntryRef {
  readonly kind: EntryKind;
  readonly orgId: string;
  readonly ownerId: string;
  readonly visibility: Visibility;
  readonly retired: boolean;
  readonly isDefaultAgent: boolean;
}

/**
 * Who is looking, in the shape the server can build with one query per table when a request or a
 * socket starts: the org membership row, the caller's effective project roles (only projects where
 * they have one), their direct workgroup memberships, and, for each of their projects, every
 * workgroup holding it (primary and shared). Maps rather than plain objects, so an id such as
 * `constructor` can never hit a prototype property.
 *
 * Org owners and admins need no rows here: they are owners of every project and workgroup of the
 * organization and are treated so below.
 */
export interface ViewerContext {
  readonly userId: string;
  readonly orgId: string;
  readonly orgRole: OrgRole;
  readonly projectRoles: ReadonlyMap<string, ProjectRole>;
  readonly workgroupRoles: ReadonlyMap<string, WorkgroupRole>;
  readonly projectWorkgroups: ReadonlyMap<string, readonly string[]>;
}

/** The viewer's effective role on a project of their organization. */
export function viewerProjectRole(viewer: ViewerContext, projectId: string): ProjectRole | undefined {
  return higherProjectRole(viewer.projectRoles.get(projectId), orgGrantedRole(viewer.orgRole));
}

/** The viewer's effective role on a workgroup of their organization. */
export function viewerWorkgroupRole(viewer: ViewerContext, workgroupId: string): WorkgroupRole | undefined {
  return higherProjectRole(viewer.workgroupRoles.get(workgroupId), orgGrantedRole(viewer.orgRole));
}

function inProjectOfWorkgroup(viewer: ViewerContext, workgroupId: string): boolean {
  for (const projectId of viewer.projectRoles.keys()) {
    if (viewer.projectWorkgroups.get(projectId)?.includes(workgroupId) === true) return true;
  }
  return false;
}

/**
 * Private means only its owner, strictly: org owners and admins do not see other people's private
 * entries (they can see and manage every entry once it is shared with any scope). The owner always
 * sees their own entry, whatever its scope. Nothing is visible across organizations.
 */
export function canSeeEntry(viewer: ViewerContext, entry: RegistryEntryRef): boolean {
  if (entry.orgId !== viewer.orgId) return false;
  if (entry.ownerId === viewer.userId) return true;
  const visibility = entry.visibility;
  switch (visibility.level) {
    case 'private':
      return false;
    case 'project':
      return viewerProjectRole(viewer, visibility.projectId) !== undefined;
    case 'workgroup':
      return (
        viewerWorkgroupRole(viewer, visibility.workgroupId) !== undefined ||
        inProjectOfWorkgroup(viewer, visibility.workgroupId)
      );
    case 'public':
      return true;
  }
}

/**
 * The scopes whose entries a viewer sees, for filtering a registry listing in one query:
 * `everyScope` for org owners and admins (every non-private entry), otherwise the listed projects
 * and workgroups; public entries and the viewer's own are always included. Agrees with
 * `canSeeEntry`.
 */
export interface SeeableScopes {
  readonly everyScope: boolean;
  readonly projectIds: ReadonlySet<string>;
  readonly workgroupIds: ReadonlySet<string>;
}

export function seeableScopes(viewer: ViewerContext): SeeableScopes {
  const workgroupIds = new Set(viewer.workgroupRoles.keys());
  for (const projectId of viewer.projectRoles.keys()) {
    for (const workgroupId of viewer.projectWorkgroups.get(projectId) ?? []) workgroupIds.add(workgroupId);
  }
  return {
    everyScope: orgGrantedRole(viewer.orgRole) !== undefined,
    projectIds: new Set(viewer.projectRoles.keys()),
    workgroupIds,
  };
}

/** Using (running an agent, calling a model) needs seeing it, and a retired entry is kept for history only. */
export function canUseEntry(viewer: ViewerContext, entry: RegistryEntryRef): boolean {
  return canSeeEntry(viewer, entry) && !entry.retired;
}

/**
 * Its owner manages an entry; org owners and admins manage every entry that is shared with any
 * scope, so someone who leaves cannot strand a model the whole organization runs on. A private
 * entry stays its owner's alone.
 */
export function canManageEntry(viewer: ViewerContext, entry: RegistryEntryRef): boolean {
  if (entry.orgId !== viewer.orgId) return false;
  if (entry.ownerId === viewer.userId) return true;
  return orgGrantedRole(viewer.orgRole) !== undefined && entry.visibility.level !== 'private';
}

const publishInProject = {
  model: 'registry.model.manage-in-project',
  agent: 'registry.agent.manage-in-project',
} as const satisfies Record<EntryKind, ProjectAction>;

const publishInWorkgroup = {
  model: 'registry.model.manage-in-workgroup',
  agent: 'registry.agent.manage-in-workgroup',
} as const satisfies Record<EntryKind, WorkgroupAction>;

/**
 * Whether the viewer may make an entry of this kind visible at `target`: a scope they belong to
 * with a role that may write there. Private and public are always theirs (they are in the
 * organization). A workgroup needs workgroup membership: belonging to one of its projects is not
 * enough to publish to all of them. Used both when registering and when changing visibility.
 */
export function canPublishInto(viewer: ViewerContext, kind: EntryKind, target: Visibility): boolean {
  switch (target.level) {
    case 'private':
    case 'public':
      return true;
    case 'project':
      return hasCapability(viewerProjectRole(viewer, target.projectId), publishInProject[kind]);
    case 'workgroup':
      return hasCapability(viewerWorkgroupRole(viewer, target.workgroupId), publishInWorkgroup[kind]);
  }
}

/** Only a manager may move an entry, only into a scope they can publish to, and the default agent stays public. */
export function canChangeVisibility(
  viewer: ViewerContext,
  entry: RegistryEntryRef,
  target: Visibility,
): boolean {
  return (
    canManageEntry(viewer, entry) &&
    canPublishInto(viewer, entry.kind, target) &&
    checkEntryVisibilityChange(entry, target).ok
  );
}
