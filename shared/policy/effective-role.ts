import type { OrgRole, ProjectRole, WorkgroupRole } from '../domain/roles';
import { higherProjectRole } from '../domain/roles';

/** Where a project or workgroup role comes from. */
export type RoleSource =
  | { readonly kind: 'direct' }
  | { readonly kind: 'workgroup'; readonly workgroupId: string }
  | { readonly kind: 'org'; readonly orgRole: OrgRole };

/** One source and the role it grants. */
export interface RoleGrant {
  readonly role: ProjectRole;
  readonly source: RoleSource;
}

/**
 * `role` is the highest granted role, `undefined` for an outsider. `sources` are the sources that
 * grant exactly that role (several when they tie), which is what a member list shows as "editor
 * via Research"; `grants` lists every source with its role, so a UI can also explain what would
 * remain if one of them went away.
 */
export interface EffectiveRole {
  readonly role: ProjectRole | undefined;
  readonly sources: readonly RoleSource[];
  readonly grants: readonly RoleGrant[];
}

/** Org owners and admins are owners of every project and workgroup of their organization. */
export function orgGrantedRole(orgRole: OrgRole | undefined): ProjectRole | undefined {
  return orgRole === 'owner' || orgRole === 'admin' ? 'owner' : undefined;
}

/**
 * The facts about one user and one project. `orgRole` is the user's role in the project's
 * organization, `undefined` when they are not in it: then nothing else counts, because a stale
 * membership must not carry access across the tenant boundary. `projectWorkgroupIds` are every
 * workgroup holding the project (primary and shared); `workgroupRoles` are the user's workgroup
 * memberships, of which only those holding the project count.
 */
export interface ProjectRoleFacts {
  readonly orgRole: OrgRole | undefined;
  readonly directRole: ProjectRole | undefined;
  readonly projectWorkgroupIds: readonly string[];
  readonly workgroupRoles: ReadonlyMap<string, WorkgroupRole>;
  /** The organization's default project, which every member of the organization sees. */
  readonly isDefaultProject?: boolean;
}

export interface WorkgroupRoleFacts {
  readonly orgRole: OrgRole | undefined;
  readonly membershipRole: WorkgroupRole | undefined;
}

function fromGrants(grants: readonly RoleGrant[]): EffectiveRole {
  const role = grants.reduce<ProjectRole | undefined>(
    (highest, grant) => higherProjectRole(highest, grant.role),
    undefined,
  );
  return {
    role,
    sources: grants.filter((grant) => grant.role === role).map((grant) => grant.source),
    grants,
  };
}

function orgGrant(orgRole: OrgRole | undefined): RoleGrant[] {
  const role = orgGrantedRole(orgRole);
  return role === undefined || orgRole === undefined ? [] : [{ role, source: { kind: 'org', orgRole } }];
}

/**
 * The highest of the direct role, the roles of workgroups holding the project, and the org grant:
 * owner for org owners and admins, and viewer of the default project for every other member.
 */
export function effectiveProjectRole(facts: ProjectRoleFacts): EffectiveRole {
  if (facts.orgRole === undefined) return { role: undefined, sources: [], grants: [] };
  const grants: RoleGrant[] = [];
  if (facts.directRole !== undefined) grants.push({ role: facts.directRole, source: { kind: 'direct' } });
  for (const workgroupId of new Set(facts.projectWorkgroupIds)) {
    const role = facts.workgroupRoles.get(workgroupId);
    if (role !== undefined) grants.push({ role, source: { kind: 'workgroup', workgroupId } });
  }
  grants.push(...orgGrant(facts.orgRole));
  if (facts.isDefaultProject === true && grants.every((grant) => grant.source.kind !== 'org')) {
    grants.push({ role: 'viewer', source: { kind: 'org', orgRole: facts.orgRole } });
  }
  return fromGrants(grants);
}

/**
 * The higher of the workgroup membership and the org grant. Membership of a project inside the
 * workgroup gives no workgroup role: it lets the user see the workgroup's registry entries
 * (`visibility.ts`), not read or change the workgroup.
 */
export function effectiveWorkgroupRole(facts: WorkgroupRoleFacts): EffectiveRole {
  if (facts.orgRole === undefined) return { role: undefined, sources: [], grants: [] };
  const grants: RoleGrant[] = [];
  if (facts.membershipRole !== undefined) {
    grants.push({ role: facts.membershipRole, source: { kind: 'direct' } });
  }
  grants.push(...orgGrant(facts.orgRole));
  return fromGrants(grants);
}
