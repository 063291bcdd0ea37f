import type { OrgRole, ProjectRole, WorkgroupRole } from '../../shared/domain/roles';
import type { ProjectMember, RoleSourceView } from '../../shared/rest/project-member-view';
import type { RoleSource } from '../../shared/policy/effective-role';
import { effectiveProjectRole } from '../../shared/policy/effective-role';
import type { Membership } from '../../shared/policy/invariants';
import type { SqliteDatabase } from '../store/database';

/** The project's direct memberships, in the shape the invariants take. */
export function directMembers(db: SqliteDatabase, projectId: string): Membership<ProjectRole>[] {
  return (
    db.prepare('SELECT user_id, role FROM project_members WHERE project_id = ? ORDER BY created_at, user_id').all(projectId) as {
      user_id: string;
      role: ProjectRole;
    }[]
  ).map((row) => ({ userId: row.user_id, role: row.role }));
}

/** Whether the user belongs to the organization: only its members can be given a role in it. */
export function isOrgMember(db: SqliteDatabase, orgId: string, userId: string): boolean {
  return db.prepare('SELECT 1 FROM org_members WHERE org_id = ? AND user_id = ?').get(orgId, userId) !== undefined;
}

interface MemberRow {
  user_id: string;
  display_name: string;
  email: string;
  org_role: OrgRole;
  direct_role: ProjectRole | null;
  joined_at: string | null;
}

function sourceView(source: RoleSource): RoleSourceView {
  switch (source.kind) {
    case 'direct':
      return { kind: 'direct' };
    case 'workgroup':
      return { kind: 'workgroup', workgroupId: source.workgroupId };
    case 'org':
      return { kind: 'org', orgRole: source.orgRole };
  }
}

/**
 * Everyone holding a role on the project through it or through a workgroup holding it, with the
 * effective role and its sources; `onlyUserId` narrows it to one person. Org owners and admins
 * are listed when they are members in either way: their org grant then shows among the sources,
 * but the organization's whole leadership is not repeated in every project's list. People no
 * longer in the organization hold nothing, whatever rows remain.
 */
export function projectMembers(db: SqliteDatabase, orgId: string, projectId: string, onlyUserId?: string): ProjectMember[] {
  const rows = db
    .prepare(
      `SELECT u.id AS user_id, u.display_name, u.email, om.role AS org_role, pm.role AS direct_role, pm.created_at AS joined_at
       FROM users u
       JOIN org_members om ON om.user_id = u.id AND om.org_id = @orgId
       LEFT JOIN project_members pm ON pm.user_id = u.id AND pm.project_id = @projectId
       WHERE (pm.user_id IS NOT NULL
              OR u.id IN (SELECT wm.user_id FROM workgroup_members wm
                          JOIN project_workgroups pw ON pw.workgroup_id = wm.workgroup_id
                          WHERE pw.project_id = @projectId))
         AND (@onlyUserId IS NULL OR u.id = @onlyUserId)
       ORDER BY pm.created_at IS NULL, pm.created_at, u.display_name, u.id`,
    )
    .all({ orgId, projectId, onlyUserId: onlyUserId ?? null }) as MemberRow[];
  const placements = (
    db
      .prepare(
        `SELECT pw.workgroup_id FROM project_workgroups pw JOIN workgroups w ON w.id = pw.workgroup_id AND w.org_id = ?
         WHERE pw.project_id = ?`,
      )
      .all(orgId, projectId) as { workgroup_id: string }[]
  ).map((row) => row.workgroup_id);
  const workgroupRoles = db
    .prepare(
      `SELECT wm.user_id, wm.workgroup_id, wm.role FROM workgroup_members wm
       JOIN project_workgroups pw ON pw.workgroup_id = wm.workgroup_id WHERE pw.project_id = ?`,
    )
    .all(projectId) as { user_id: string; workgroup_id: string; role: WorkgroupRole }[];

  return rows.flatMap((row) => {
    const roles = new Map(workgroupRoles.filter((w) => w.user_id === row.user_id).map((w) => [w.workgroup_id, w.role]));
    const effective = effectiveProjectRole({
      orgRole: row.org_role,
      directRole: row.direct_role ?? undefined,
      projectWorkgroupIds: placements,
      workgroupRoles: roles,
    });
    if (effective.role === undefined) return [];
    return [
      {
        userId: row.user_id,
        displayName: row.display_name,
        email: row.email,
        directRole: row.direct_role,
        joinedAt: row.joined_at,
        role: effective.role,
        sources: effective.sources.map(sourceView),
        grants: effective.grants.map((grant) => ({ role: grant.role, source: sourceView(grant.source) })),
      },
    ];
  });
}

/**
 * Everyone whose access to the project would change if it went away or moved: direct members,
 * members of the workgroups holding it, and the organization's owners and admins.
 */
export function projectAccessHolders(db: SqliteDatabase, orgId: string, projectId: string): string[] {
  const rows = db
    .prepare(
      `SELECT user_id FROM project_members WHERE project_id = @projectId
       UNION SELECT wm.user_id FROM workgroup_members wm
             JOIN project_workgroups pw ON pw.workgroup_id = wm.workgroup_id WHERE pw.project_id = @projectId
       UNION SELECT user_id FROM org_members WHERE org_id = @orgId AND role IN ('owner', 'admin')`,
    )
    .all({ orgId, projectId }) as { user_id: string }[];
  return rows.map((row) => row.user_id);
}
