import type { Message } from '../../shared/domain/message';
import type { ProjectExport } from '../../shared/rest/project-export';
import type { ViewerContext } from '../../shared/policy/visibility';
import { canSeeEntry } from '../../shared/policy/visibility';
import { agentRef } from '../registry/agent-store';
import type { ModelRow } from '../registry/model-rows';
import { modelRef } from '../registry/model-rows';
import type { SqliteDatabase } from '../store/database';
import type { AgentRow } from './agent-rows';

function named(rows: readonly { id: string; name: string }[]): Record<string, string> {
  return Object.fromEntries(rows.map((row) => [row.id, row.name]));
}

/**
 * Names for the people, agents and models an export mentions. People are named when they are in
 * the organization; agents and models only when the exporter may see the entry, so an export tells
 * no more about the registries than the exporter could read there.
 */
export function exportNames(db: SqliteDatabase, viewer: ViewerContext, userIds: readonly string[], messages: readonly Message[]): ProjectExport['names'] {
  const users = new Set(userIds);
  const agents = new Set<string>();
  const models = new Set<string>();
  for (const message of messages) {
    const author = message.author;
    if (author.kind === 'user') users.add(author.userId);
    else {
      users.add(author.runBy);
      agents.add(author.agentId);
      models.add(author.modelId);
    }
  }
  const among = (ids: ReadonlySet<string>) => JSON.stringify([...ids]);
  const userRows = db
    .prepare(
      `SELECT u.id, u.display_name AS name FROM users u JOIN org_members m ON m.user_id = u.id AND m.org_id = ?
       WHERE u.id IN (SELECT value FROM json_each(?))`,
    )
    .all(viewer.orgId, among(users)) as { id: string; name: string }[];
  const agentRows = db.prepare('SELECT * FROM agents WHERE org_id = ? AND id IN (SELECT value FROM json_each(?))').all(viewer.orgId, among(agents)) as AgentRow[];
  const modelRows = db.prepare('SELECT * FROM models WHERE org_id = ? AND id IN (SELECT value FROM json_each(?))').all(viewer.orgId, among(models)) as ModelRow[];
  return {
    users: named(userRows),
    agents: named(agentRows.filter((row) => canSeeEntry(viewer, agentRef(row)))),
    models: named(modelRows.filter((row) => canSeeEntry(viewer, modelRef(row)))),
  };
}
