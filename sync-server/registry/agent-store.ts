import type { AgentEntry } from '../../shared/domain/agent-entry';
import type { RegistryEntryRef } from '../../shared/policy/visibility';
import type { AgentRow } from '../directory/agent-rows';
import { toAgentRow, visibilityOf } from '../directory/agent-rows';
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
    `UPDATE agents SET name = @name, description = @description, system_prompt = @system_prompt, tools = @tools, examples = @examples,
       model_id = @model_id, parameters = @parameters, visibility_level = @visibility_level, visibility_scope_id = @visibility_scope_id, status = @status,
       version = @version, updated_at = @updated_at
     WHERE id = @id AND org_id = @org_id`,
  ).run(toAgentRow(agent));
}
