import type { ReplicatedEntity, ReplicatedKind } from '../../shared/rest/change-endpoints';
import { hasCapability } from '../../shared/policy/capabilities';
import { canSeeConversation } from '../../shared/policy/conversation-visibility';
import { canReadKnowledgeBase } from '../../shared/policy/knowledge-access';
import { decide } from '../../shared/policy/decide';
import type { ViewerContext } from '../../shared/policy/visibility';
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
import type { KnowledgeBaseRow } from '../knowledge/knowledge-rows';
import { knowledgeBaseRef, toKnowledgeBase } from '../knowledge/knowledge-rows';
import { agentRef } from '../registry/agent-store';
import { agentAsSeen } from '../registry/fork-status';
import type { ModelRow } from '../registry/model-rows';
import { modelRef, toModelEntry } from '../registry/model-rows';
import type { SqliteDatabase } from '../store/database';

/** One stored entity: whether a viewer may see it now, and its replica shape as they may see it. */
export interface LoadedEntity<K extends ReplicatedKind> {
  entityFor(viewer: ViewerContext): ReplicatedEntity<K>;
  visibleTo(viewer: ViewerContext): boolean;
}

/**
 * How the feed reads one kind of entity. Reads are confined to the organization, so an id of
 * another organization reads as missing.
 */
export interface ReplicatedKindSpec<K extends ReplicatedKind> {
  load(db: SqliteDatabase, orgId: string, id: string): LoadedEntity<K> | undefined;
  /** Every entity of the kind in the organization, for a sync from scratch. */
  all(db: SqliteDatabase, orgId: string): LoadedEntity<K>[];
}

interface TableSpec<K extends ReplicatedKind, R> {
  /** A SELECT of the kind's rows, without WHERE. */
  readonly select: string;
  readonly orgColumn: string;
  readonly idColumn: string;
  /** The entity as `viewer` may see it: references to what they may not see are private ones. */
  readonly toEntity: (db: SqliteDatabase, row: R, viewer: ViewerContext) => ReplicatedEntity<K>;
  /** Decided on the row with the same policy functions the REST routes use. */
  readonly canSee: (viewer: ViewerContext, row: R) => boolean;
}

function fromTable<K extends ReplicatedKind, R>(spec: TableSpec<K, R>): ReplicatedKindSpec<K> {
  const loaded = (db: SqliteDatabase, row: R): LoadedEntity<K> => ({
    entityFor: (viewer) => spec.toEntity(db, row, viewer),
    visibleTo: (viewer) => spec.canSee(viewer, row),
  });
  return {
    load(db, orgId, id) {
      const row = db.prepare(`${spec.select} WHERE ${spec.orgColumn} = ? AND ${spec.idColumn} = ?`).get(orgId, id) as R | undefined;
      return row === undefined ? undefined : loaded(db, row);
    },
    all(db, orgId) {
      const rows = db.prepare(`${spec.select} WHERE ${spec.orgColumn} = ? ORDER BY ${spec.idColumn}`).all(orgId) as R[];
      return rows.map((row) => loaded(db, row));
    },
  };
}

/** Every kind a replica holds, and who may see each entity. A new replicated kind is one entry here. */
export const replicatedKindSpecs: { readonly [K in ReplicatedKind]: ReplicatedKindSpec<K> } = {
  organization: fromTable<'organization', OrganizationRow>({
    select: 'SELECT * FROM organizations',
    orgColumn: 'id',
    idColumn: 'id',
    toEntity: (_db, row) => toOrganization(row),
    canSee: (viewer, row) => decide(viewer, 'org.read', { scope: 'org', orgId: row.id }).allowed,
  }),
  user: fromTable<'user', UserRow>({
    // A user is in the organization through membership: only members are replicated.
    select: 'SELECT u.* FROM users u JOIN org_members m ON m.user_id = u.id',
    orgColumn: 'm.org_id',
    idColumn: 'u.id',
    toEntity: (_db, row) => toUser(row),
    canSee: (viewer) => hasCapability(viewer.orgRole, 'org.member.read'),
  }),
  workgroup: fromTable<'workgroup', WorkgroupRow>({
    select: 'SELECT * FROM workgroups',
    orgColumn: 'org_id',
    idColumn: 'id',
    toEntity: (_db, row) => toWorkgroup(row),
    canSee: (viewer, row) =>
      decide(viewer, 'workgroup.read', { scope: 'workgroup', orgId: row.org_id, workgroupRole: viewerWorkgroupRole(viewer, row.id) })
        .allowed,
  }),
  project: fromTable<'project', ProjectRow>({
    select: 'SELECT * FROM projects',
    orgColumn: 'org_id',
    idColumn: 'id',
    toEntity: (db, row) => toProject(db, row),
    canSee: (viewer, row) =>
      decide(viewer, 'project.read', { scope: 'project', orgId: row.org_id, projectRole: viewerProjectRole(viewer, row.id) }).allowed,
  }),
  model: fromTable<'model', ModelRow>({
    select: 'SELECT * FROM models',
    orgColumn: 'org_id',
    idColumn: 'id',
    toEntity: (_db, row) => toModelEntry(row),
    canSee: (viewer, row) => canSeeEntry(viewer, modelRef(row)),
  }),
  agent: fromTable<'agent', AgentRow>({
    select: 'SELECT * FROM agents',
    orgColumn: 'org_id',
    idColumn: 'id',
    toEntity: (db, row, viewer) => agentAsSeen(db, viewer, toAgentEntry(row)),
    canSee: (viewer, row) => canSeeEntry(viewer, agentRef(row)),
  }),
  conversation: fromTable<'conversation', ConversationRow>({
    select: 'SELECT * FROM conversations',
    orgColumn: 'org_id',
    idColumn: 'id',
    toEntity: (_db, row) => toConversation(row),
    canSee: (viewer, row) => canSeeConversation(viewer, { projectId: row.project_id, kind: row.kind, createdBy: row.created_by }),
  }),
  invitation: fromTable<'invitation', InvitationRow>({
    select: 'SELECT * FROM invitations',
    orgColumn: 'org_id',
    idColumn: 'id',
    toEntity: (_db, row) => toInvitation(row),
    // As the invitation list answers: pending ones, all of them to admins, their own to those who sent them.
    canSee: (viewer, row) =>
      row.status === 'pending' && (hasCapability(viewer.orgRole, 'invitation.read') || row.invited_by === viewer.userId),
  }),
  'api-key': fromTable<'api-key', ApiKeyRow>({
    select: 'SELECT * FROM api_keys',
    orgColumn: 'org_id',
    idColumn: 'id',
    toEntity: (_db, row) => toApiKey(row),
    // Each replica holds its user's own keys; the organization-wide list stays an admin query.
    canSee: (viewer, row) => row.user_id === viewer.userId && hasCapability(viewer.orgRole, 'api-key.read-own'),
  }),
  // The base itself; its documents are fetched over REST, as they can be large.
  'knowledge-base': fromTable<'knowledge-base', KnowledgeBaseRow>({
    select: 'SELECT * FROM knowledge_bases',
    orgColumn: 'org_id',
    idColumn: 'id',
    toEntity: (_db, row) => toKnowledgeBase(row),
    canSee: (viewer, row) => canReadKnowledgeBase(viewer, knowledgeBaseRef(row)),
  }),
};

/** The spec of one kind, for code that holds the kind as a value. */
export function specOf(kind: ReplicatedKind): ReplicatedKindSpec<ReplicatedKind> {
  // The table is keyed by kind, so the entry for `kind` handles exactly that kind's entities.
  return replicatedKindSpecs[kind] as ReplicatedKindSpec<ReplicatedKind>;
}
