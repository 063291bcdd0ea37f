import { z } from 'zod';

/** Organization roles, lowest first. Org owners and admins are owners of every project. */
export const orgRoles = ['member', 'admin', 'owner'] as const;
export const OrgRole = z.enum(orgRoles);
export type OrgRole = z.infer<typeof OrgRole>;

/**
 * Project roles, lowest first. Workgroup memberships use the same roles: a workgroup member holds
 * that role on every project the workgroup contains.
 */
export const projectRoles = ['viewer', 'member', 'editor', 'owner'] as const;
export const ProjectRole = z.enum(projectRoles);
export type ProjectRole = z.infer<typeof ProjectRole>;

export const WorkgroupRole = ProjectRole;
export type WorkgroupRole = ProjectRole;

export function projectRoleRank(role: ProjectRole): number {
  return projectRoles.indexOf(role);
}

export function orgRoleRank(role: OrgRole): number {
  return orgRoles.indexOf(role);
}

/** The higher of two project roles; `undefined` stands for no role at all. */
export function higherProjectRole(
  a: ProjectRole | undefined,
  b: ProjectRole | undefined,
): ProjectRole | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return projectRoleRank(a) >= projectRoleRank(b) ? a : b;
}
