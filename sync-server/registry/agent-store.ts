import type { AgentEntry } from '../../shared/domain/agent-entry';
import type { RegistryEntryRef } from '../../shared/policy/visibility';
import type { AgentRow } from '../directory/agent-rows';
import { visibilityOf, visibilityScopeId } from '../directory/agent-rows';
import type { SqliteDatabase } from '../store/database';

/** An agent of the organization, or nothing: an id of another organization reads as missing. */
export function getAgentRow(db: SqliteDatabase, orgId: string, id: string): AgentRow | undefined {
  return db.prepare('SELECT * FROM agents WHERE id = ? AND org_id = ?').get(id, orgId) as AgentRow | undefined;
}

/** What the policy needs to decide about an agent entry. */
export function agentRef(row: AgentRow): RegistryEntryRef {
  return {
    kind: 'agent',
    orgId: row.org_id,
    ownerId: row.owner_id,
    visibility: visibilityOf(row.visibility_level, row.visibility_scope_id),
    retired: row.status === 'retired',
    isDefaultAgent: row.is_default === 1,
  };
}

/** Writes every mutable column of an entry; id, organization, owner, placement and fork origin stay. */
export function updateAgent(db: SqliteDatabase, agent: AgentEntry): void {
  db.prepare(
    `UPDATE agents SET name = ?, description = ?, system_prompt = ?, tools = ?, examples = ?, model_id = ?,
       visibility_level = ?, visibility_scope_id = ?, status = ?, version = ?, updated_at = ?
     WHERE id = ? AND org_id = ?`,
  ).run(
    agent.name,
    agent.description,
    agent.systemPrompt,
    JSON.stringify(agent.tools),
    JSON.stringify(agent.examples),
    agent.modelId,
    agent.visibility.level,
    visibilityScopeId(agent.visibility),
    agent.status,
    agent.version,
    agent.updatedAt,
    agent.id,
    agent.orgId,
  );
}
