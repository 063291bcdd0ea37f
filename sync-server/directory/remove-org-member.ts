import type { SqliteDatabase } from '../store/database';
import { cancelInvitationsOf } from './invitation-rows';

export interface OrgMemberRemoval {
  readonly projectIds: readonly string[];
  readonly workgroupIds: readonly string[];
  /** Projects and workgroups left without a direct owner; org owners and admins still own them. */
  readonly ownerlessProjectIds: readonly string[];
  readonly ownerlessWorkgroupIds: readonly string[];
  readonly sessionsRevoked: number;
  readonly apiKeyIdsRevoked: readonly string[];
  /** Pending invitations addressed to them or sent by them: a removed sender's invitations stop working. */
  readonly invitationIdsCancelled: readonly string[];
}

/** The single column of every row the query answers. */
function ids(db: SqliteDatabase, sql: string, params: Record<string, string>): string[] {
  return db.prepare(sql).pluck().all(params) as string[];
}

/**
 * Takes a user out of one organization entirely: their project and workgroup memberships there,
 * the org membership, every session and API key that acted in it, and the pending invitations
 * addressed to them or sent by them there. Their other organizations
 * are untouched. Removing someone must stay possible even when they were the last direct owner of
 * a project or workgroup, so those are reported instead of refused. Call inside a write, after the
 * policy checks.
 */
export function removeOrgMember(db: SqliteDatabase, orgId: string, userId: string, at: string): OrgMemberRemoval {
  const params = { orgId, userId };
  const projectIds = ids(
    db,
    'SELECT pm.project_id FROM project_members pm JOIN projects p ON p.id = pm.project_id WHERE pm.user_id = @userId AND p.org_id = @orgId',
    params,
  );
  const workgroupIds = ids(
    db,
    'SELECT wm.workgroup_id FROM workgroup_members wm JOIN workgroups w ON w.id = wm.workgroup_id WHERE wm.user_id = @userId AND w.org_id = @orgId',
    params,
  );
  const ownerlessProjectIds = ids(
    db,
    `SELECT pm.project_id FROM project_members pm JOIN projects p ON p.id = pm.project_id
     WHERE pm.user_id = @userId AND pm.role = 'owner' AND p.org_id = @orgId
       AND NOT EXISTS (SELECT 1 FROM project_members o WHERE o.project_id = pm.project_id AND o.role = 'owner' AND o.user_id <> @userId)`,
    params,
  );
  const ownerlessWorkgroupIds = ids(
    db,
    `SELECT wm.workgroup_id FROM workgroup_members wm JOIN workgroups w ON w.id = wm.workgroup_id
     WHERE wm.user_id = @userId AND wm.role = 'owner' AND w.org_id = @orgId
       AND NOT EXISTS (SELECT 1 FROM workgroup_members o WHERE o.workgroup_id = wm.workgroup_id AND o.role = 'owner' AND o.user_id <> @userId)`,
    params,
  );
  const apiKeyIdsRevoked = ids(db, 'SELECT id FROM api_keys WHERE user_id = @userId AND org_id = @orgId AND revoked_at IS NULL', params);
  const invitationIdsCancelled = cancelInvitationsOf(db, orgId, userId, at);

  db.prepare('DELETE FROM project_members WHERE user_id = @userId AND project_id IN (SELECT id FROM projects WHERE org_id = @orgId)').run(params);
  db.prepare('DELETE FROM workgroup_members WHERE user_id = @userId AND workgroup_id IN (SELECT id FROM workgroups WHERE org_id = @orgId)').run(params);
  db.prepare('DELETE FROM org_members WHERE org_id = @orgId AND user_id = @userId').run(params);
  const sessions = db
    .prepare('UPDATE sessions SET revoked_at = @at WHERE user_id = @userId AND org_id = @orgId AND revoked_at IS NULL')
    .run({ ...params, at });
  db.prepare('UPDATE api_keys SET revoked_at = @at WHERE user_id = @userId AND org_id = @orgId AND revoked_at IS NULL').run({ ...params, at });

  return {
    projectIds,
    workgroupIds,
    ownerlessProjectIds,
    ownerlessWorkgroupIds,
    sessionsRevoked: sessions.changes,
    apiKeyIdsRevoked,
    invitationIdsCancelled,
  };
}
