import type { ReferenceKind, SettingReferences } from '../../shared/policy/setting-references';
import { newlyNamedReferences } from '../../shared/policy/setting-references';
import type { ViewerContext } from '../../shared/policy/visibility';
import { canSeeEntry } from '../../shared/policy/visibility';
import { ApiError } from '../http/api-error';
import { isKnowledgeBaseReadable } from '../knowledge/knowledge-bindings';
import { agentRef, getAgentRow } from '../registry/agent-store';
import type { SqliteDatabase } from '../store/database';
import { isModelVisible } from './model-references';

function isAgentVisible(db: SqliteDatabase, viewer: ViewerContext, id: string): boolean {
  const row = getAgentRow(db, viewer.orgId, id);
  return row !== undefined && canSeeEntry(viewer, agentRef(row));
}

/** Whether the viewer may name the entry in a setting: see the model or agent, read the knowledge base. */
export function isReferenceVisible(db: SqliteDatabase, viewer: ViewerContext, kind: ReferenceKind, id: string): boolean {
  switch (kind) {
    case 'model':
      return isModelVisible(db, viewer, id);
    case 'agent':
      return isAgentVisible(db, viewer, id);
    case 'knowledge-base':
      return isKnowledgeBaseReadable(db, viewer, id);
  }
}

const notFoundMessages: Readonly<Record<ReferenceKind, (field: string) => string>> = {
  model: (field) => `Model not found: ${field} names no model you can see.`,
  agent: (field) => `Agent not found: ${field} names no agent you can see.`,
  'knowledge-base': (field) => `Knowledge base not found: ${field} names no knowledge base you can read.`,
};

/**
 * Every entry the settings newly name must be one the caller can see, answered like a missing one
 * (404, naming the field under `fieldPrefix`), so that a settings form cannot probe for other
 * people's private entries or another organization's. The same rule the update guard applies to
 * settings written through their document.
 */
export function requireVisibleReferences(
  db: SqliteDatabase,
  viewer: ViewerContext,
  references: SettingReferences,
  next: Readonly<Record<string, unknown>>,
  previous: Readonly<Record<string, unknown>> | null,
  fieldPrefix: string,
): void {
  for (const named of newlyNamedReferences(references, next, previous)) {
    if (isReferenceVisible(db, viewer, named.kind, named.id)) continue;
    const field = `${fieldPrefix}${named.field}`;
    throw new ApiError('not_found', notFoundMessages[named.kind](field), field);
  }
}
