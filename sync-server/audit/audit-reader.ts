import type { AuditEvent } from '../../shared/domain/audit-event';
import type { CanSee, PrivateKind } from '../../shared/policy/audit-redaction';
import { redactAuditEvent } from '../../shared/policy/audit-redaction';
import { canSeeConversation } from '../../shared/policy/conversation-visibility';
import type { ViewerContext } from '../../shared/policy/visibility';
import { canSeeEntry } from '../../shared/policy/visibility';
import type { ConversationRow } from '../directory/conversation-rows';
import { agentRef, getAgentRow } from '../registry/agent-store';
import { getModelRow, modelRef } from '../registry/model-rows';
import type { SqliteDatabase } from '../store/database';

/**
 * Whether `viewer` may see the entity an audit event names, by the same policy the entity's own
 * endpoints use: one gone since is seen by no one. Remembered for the length of one read.
 */
function canSeeNow(db: SqliteDatabase, viewer: ViewerContext): CanSee {
  const seen = new Map<string, boolean>();
  const model = (id: string) => {
    const row = getModelRow(db, viewer.orgId, id);
    return row !== undefined && canSeeEntry(viewer, modelRef(row));
  };
  const decide = (kind: PrivateKind, id: string): boolean => {
    switch (kind) {
      case 'model':
        return model(id);
      case 'model-version': {
        const modelId = db.prepare('SELECT model_id FROM model_versions WHERE id = ?').pluck().get(id) as string | undefined;
        return modelId !== undefined && model(modelId);
      }
      case 'agent': {
        const row = getAgentRow(db, viewer.orgId, id);
        return row !== undefined && canSeeEntry(viewer, agentRef(row));
      }
      case 'conversation': {
        const row = db.prepare('SELECT * FROM conversations WHERE id = ? AND org_id = ?').get(id, viewer.orgId) as ConversationRow | undefined;
        return row !== undefined && canSeeConversation(viewer, { projectId: row.project_id, kind: row.kind, createdBy: row.created_by });
      }
    }
  };
  return (kind, id) => {
    const known = seen.get(id);
    if (known !== undefined) return known;
    const answer = decide(kind, id);
    seen.set(id, answer);
    return answer;
  };
}

/** Audit events as `viewer` may read them: references to what they may not see become "a private entry". */
export function auditReader(db: SqliteDatabase, viewer: ViewerContext): (event: AuditEvent) => AuditEvent {
  const canSee = canSeeNow(db, viewer);
  return (event) => redactAuditEvent(event, canSee);
}
