import type { Conversation, ConversationKind } from '../../shared/domain/conversation';
import { canSeeConversation } from '../../shared/policy/conversation-visibility';
import type { ViewerContext } from '../../shared/policy/visibility';
import type { SqliteDatabase } from '../store/database';

export interface ConversationRow {
  id: string;
  org_id: string;
  project_id: string;
  title: string;
  kind: ConversationKind;
  created_by: string;
  created_at: string;
}

export const toConversation = (row: ConversationRow): Conversation => ({
  id: row.id,
  projectId: row.project_id,
  title: row.title,
  kind: row.kind,
  createdBy: row.created_by,
  createdAt: row.created_at,
});

/**
 * The conversations of a project that the viewer may read (`canSeeConversation`): the shared ones
 * and their own personal ones. The query already leaves out other people's personal conversations,
 * so that they are never even loaded; the policy function has the last word.
 */
export function readableConversations(db: SqliteDatabase, viewer: ViewerContext, projectId: string): Conversation[] {
  const rows = db
    .prepare(
      `SELECT * FROM conversations WHERE project_id = ? AND org_id = ? AND (kind = 'shared' OR created_by = ?)
       ORDER BY created_at, id`,
    )
    .all(projectId, viewer.orgId, viewer.userId) as ConversationRow[];
  return rows.map(toConversation).filter((conversation) => canSeeConversation(viewer, conversation));
}

export function insertConversation(db: SqliteDatabase, row: ConversationRow): void {
  db.prepare(
    `INSERT INTO conversations (id, org_id, project_id, title, kind, created_by, created_at)
     VALUES (@id, @org_id, @project_id, @title, @kind, @created_by, @created_at)`,
  ).run(row);
}
