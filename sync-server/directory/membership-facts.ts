import type { Plan } from '../../shared/domain/plan';
import type { OrgRole } from '../../shared/domain/roles';
import type { MembershipFacts, MembershipTarget, ProjectHeadcount } from '../../shared/policy/membership-change';
import type { Membership } from '../../shared/policy/invariants';
import { viewerProjectRole, viewerWorkgroupRole } from '../../shared/policy/visibility';
import { loadViewerContext } from '../access/viewer-context';
import type { SqliteDatabase } from '../store/database';
import { orgMemberships } from './org-member-rows';
import { directMembers } from './project-members';
import { workgroupMemberships } from './workgroup-rows';
import { isMember, subjectOf } from '../../shared/policy/subject';

/** Who acts: a user and their org role now, `undefined` when they are no longer in the organization. */
export interface Actor {
  readonly userId: string;
  readonly orgRole: OrgRole | undefined;
}

export function orgRoleOf(db: SqliteDatabase, orgId: string, userId: string): OrgRole | undefined {
  const row = db.prepare('SELECT role FROM org_members WHERE org_id = ? AND user_id = ?').get(orgId, userId) as { role: OrgRole } | undefined;
  return row?.role;
}

/**
 * The people holding a role on a project, each once, with a direct role or through a workgroup
 * holding it, plus the members of `extraWorkgroupIds` when the project is about to be placed
 * there. `projectId` null: a project not created yet, held by nothing so far.
 */
export function projectHeadcount(
  db: SqliteDatabase,
  orgId: string,
  projectId: string | null,
  personId: string,
  extraWorkgroupIds: readonly string[] = [],
): ProjectHeadcount {
  const row = db
    .prepare(
      `SELECT COUNT(*) AS members, COALESCE(MAX(user_id = @personId), 0) AS includes FROM (
         SELECT user_id FROM project_members WHERE project_id = @projectId
         UNION SELECT wm.user_id FROM workgroup_members wm JOIN project_workgroups pw ON pw.workgroup_id = wm.workgroup_id
               WHERE pw.project_id = @projectId
         UNION SELECT user_id FROM workgroup_members WHERE workgroup_id IN (SELECT value FROM json_each(@extra))
       ) AS holders WHERE user_id IN (SELECT user_id FROM org_members WHERE org_id = @orgId)`,
    )
    .get({ orgId, projectId, personId, extra: JSON.stringify(extraWorkgroupIds) }) as { members: number; includes: number };
  return { projectId: projectId ?? '', members: row.members, includesPerson: row.includes === 1 };
}

/** Everything `decideMembershipChange` reads, as it is now. */
export function membershipFacts(db: SqliteDatabase, orgId: string, target: MembershipTarget, actor: Actor, personId: string): MembershipFacts {
  const plan = (db.prepare('SELECT plan FROM organizations WHERE id = ?').get(orgId) as { plan: Plan }).plan;
  const subject = subjectOf({ userId: actor.userId, orgId, credentialOrgRole: actor.orgRole });
  const viewer = isMember(subject) ? loadViewerContext(db, subject) : undefined;
  let members: Membership<string>[];
  let headcounts: ProjectHeadcount[] = [];
  let actorRole;
  switch (target.kind) {
    case 'organization':
      members = orgMemberships(db, orgId);
      break;
    case 'workgroup': {
      members = workgroupMemberships(db, target.id);
      actorRole = viewer === undefined ? undefined : viewerWorkgroupRole(viewer, target.id);
      const projectIds = db.prepare('SELECT project_id FROM project_workgroups WHERE workgroup_id = ? ORDER BY project_id').pluck().all(target.id) as string[];
      headcounts = projectIds.map((projectId) => projectHeadcount(db, orgId, projectId, personId));
      break;
    }
    case 'project':
      members = directMembers(db, target.id);
      actorRole = viewer === undefined ? undefined : viewerProjectRole(viewer, target.id);
      headcounts = [projectHeadcount(db, orgId, target.id, personId)];
      break;
  }
  return {
    orgId,
    plan,
    actor: subject,
    actorRole,
    personId,
    personOrgRole: orgRoleOf(db, orgId, personId),
    members: members as MembershipFacts['members'],
    headcounts,
  };
}
