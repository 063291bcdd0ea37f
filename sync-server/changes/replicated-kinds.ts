import type { ReplicatedEntity, ReplicatedKind } from '../../shared/rest/change-endpoints';
import { hasCapability } from '../../shared/policy/capabilities';
import { canSeeConversation } from '../../shared/policy/conversation-visibility';
import { decide } from '../../shared/policy/decide';
import type { RegistryEntryRef, ViewerContext } from '../../shared/policy/visibility';
import { canSeeEntry, viewerProjectRole, viewerWorkgroupRole } from '../../shared/policy/visibility';
import type { AgentRow } from '../directory/agent-rows';
import { toAgentEntry } from '../directory/agent-rows';
import type { ConversationRow } from '../directory/conversation-rows';
import { toConversation } from '../directory/conversation-rows';
import type { ProjectRow } from '../directory/project-rows';
import { toProject } from '../directory/project-rows';
import type { ApiKeyRow, InvitationRow, OrganizationRow, UserRow } from '../directory/rows';
import { toApiKey, toInvitation, toOrganization, toUser } from '../directory/rows';
import type { WorkgroupRow } from '../directory/workgroup-rows';
import { toWorkgroup } from '../directory/workgroup-rows';
import type { ModelRow } from '../registry/model-rows';
import { toModelEntry } from '../registry/model-rows';
import type { SqliteDatabase } from '../store/database';

/**
 * How the feed handles one kind of entity: read it (only within the organization, so an id of
 * another organization reads as missing) and decide whether a viewer may see it now, with the same
 * policy functions the REST routes use. A new replicated kind is one more entry here.
 */
export interface ReplicatedKindSpec<K extends ReplicatedKind> {
  load(db: SqliteDatabase, orgId: string, id: string): ReplicatedEntity<K> | undefined;
  /** Every entity of the kind in the organization, for a sync from scratch. */
  all(db: SqliteDatabase, orgId: string): ReplicatedEntity<K>[];
  canSee(viewer: ViewerContext, entity: ReplicatedEntity<K>): boolean;
}

/** Builds `load` and `all` from one query over the kind's table, `where` naming the org and id columns. */
function rowsOf<R, E>(select: string, orgColumn: string, idColumn: string, map: (db: SqliteDatabase, row: R) => E) {
  return {
    load: (db: SqliteDatabase, orgId: string, id: string): E | undefined => {
      const row = db.prepare(`${select} WHERE ${orgColumn} = ? AND ${idColumn} = ?`).get(orgId, id) as R | undefined;
      return row === undefined ? undefined : map(db, row);
    },
    all: (db: SqliteDatabase, orgId: string): E[] =>
      (db.prepare(`${select} WHERE ${orgColumn} = ? ORDER BY ${idColumn}`).all(orgId) as R[]).map((row) => map(db, row)),
  };
}

function entryRef(kind: RegistryEntryRef['kind'], entity: ReplicatedEntity<'model'> | ReplicatedEntity<'agent'>): RegistryEntryRef {
  return {
    kind,
    orgId: entity.orgId,
    ownerId: entity.ownerId,
    visibility: entity.visibility,
    retired: 'status' in entity && entity.status === 'retired',
    isDefaultAgent: 'isDefault' in entity && entity.isDefault,
  };
}

export const replicatedKindSpecs: { readonly [K in ReplicatedKind]: ReplicatedKindSpec<K> } = {
  organization: {
    ...rowsOf('SELECT * FROM organizations', 'id', 'id', (_db, row: OrganizationRow) => toOrganization(row)),
    canSee: (viewer, org) => decide(viewer, 'org.read', { scope: 'org', orgId: org.id }).allowed,
  },
  user: {
    // A user belongs to the organization through membership; only members are replicated.
    ...rowsOf(
      'SELECT u.* FROM users u JOIN org_members m ON m.user_id = u.id',
      'm.org_id',
      'u.id',
      (_db, row: UserRow) => toUser(row),
    ),
    canSee: (viewer) => hasCapability(viewer.orgRole, 'org.member.read'),
  },
  workgroup: {
    ...rowsOf('SELECT * FROM workgroups', 'org_id', 'id', (_db, row: WorkgroupRow) => toWorkgroup(row)),
    canSee: (viewer, workgroup) =>
      decide(viewer, 'workgroup.read', {
        scope: 'workgroup',
        orgId: workgroup.orgId,
        workgroupRole: viewerWorkgroupRole(viewer, workgroup.id),
      }).allowed,
  },
  project: {
    ...rowsOf('SELECT * FROM projects', 'org_id', 'id', (db, row: ProjectRow) => toProject(db, row)),
    canSee: (viewer, project) =>
      decide(viewer, 'project.read', {
        scope: 'project',
        orgId: project.orgId,
        projectRole: viewerProjectRole(viewer, project.id),
      }).allowed,
  },
  model: {
    ...rowsOf('SELECT * FROM models', 'org_id', 'id', (_db, row: ModelRow) => toModelEntry(row)),
    canSee: (viewer, model) => canSeeEntry(viewer, entryRef('model', model)),
  },
  agent: {
    ...rowsOf('SELECT * FROM agents', 'org_id', 'id', (_db, row: AgentRow) => toAgentEntry(row)),
    canSee: (viewer, agent) => canSeeEntry(viewer, entryRef('agent', agent)),
  },
  conversation: {
    ...rowsOf('SELECT * FROM conversations', 'org_id', 'id', (_db, row: ConversationRow) => toConversation(row)),
    canSee: (viewer, conversation) => canSeeConversation(viewer, conversation),
  },
  invitation: {
    ...rowsOf('SELECT * FROM invitations', 'org_id', 'id', (_db, row: InvitationRow) => toInvitation(row)),
    // As the invitation list answers: pending ones, all of them to admins, their own to those who sent them.
    canSee: (viewer, invitation) =>
      invitation.status === 'pending' &&
      (hasCapability(viewer.orgRole, 'invitation.read') || invitation.invitedBy === viewer.userId),
  },
  'api-key': {
    ...rowsOf('SELECT * FROM api_keys', 'org_id', 'id', (_db, row: ApiKeyRow) => toApiKey(row)),
    // Each replica holds its user's own keys; the organization-wide list stays an admin query.
    canSee: (viewer, key) => key.userId === viewer.userId && hasCapability(viewer.orgRole, 'api-key.read-own'),
  },
};
