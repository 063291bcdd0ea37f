import { storedReference } from '../../shared/domain/private-reference';
import type { AgentEntry } from '../../shared/domain/agent-entry';
import type { Visibility, VisibilityLevel } from '../../shared/domain/visibility';
import type { SqliteDatabase } from '../store/database';
import { readParameters } from '../registry/stored-parameters';

export interface AgentRow {
  id: string;
  org_id: string;
  owner_id: string;
  project_id: string | null;
  name: string;
  description: string;
  system_prompt: string;
  tools: string;
  examples: string;
  model_id: string | null;
  parameters: string;
  visibility_level: VisibilityLevel;
  visibility_scope_id: string | null;
  status: AgentEntry['status'];
  version: number;
  forked_from_agent_id: string | null;
  forked_from_version: number | null;
  is_default: number;
  created_at: string;
  updated_at: string;
}

/** Visibility is stored as a level and an optional scope id; these two convert between the forms. */
export function visibilityOf(level: VisibilityLevel, scopeId: string | null): Visibility {
  switch (level) {
    case 'project':
      return { level, projectId: scopeId ?? '' };
    case 'workgroup':
      return { level, workgroupId: scopeId ?? '' };
    case 'private':
    case 'public':
      return { level };
  }
}

export function visibilityScopeId(visibility: Visibility): string | null {
  switch (visibility.level) {
    case 'project':
      return visibility.projectId;
    case 'workgroup':
      return visibility.workgroupId;
    case 'private':
    case 'public':
      return null;
  }
}

export const toAgentEntry = (row: AgentRow): AgentEntry => ({
  id: row.id,
  orgId: row.org_id,
  ownerId: row.owner_id,
  projectId: row.project_id,
  name: row.name,
  description: row.description,
  systemPrompt: row.system_prompt,
  tools: JSON.parse(row.tools) as string[],
  examples: JSON.parse(row.examples) as AgentEntry['examples'],
  modelId: row.model_id,
  parameters: readParameters(row.parameters),
  visibility: visibilityOf(row.visibility_level, row.visibility_scope_id),
  status: row.status,
  version: row.version,
  forkedFrom: row.forked_from_agent_id !== null && row.forked_from_version !== null
    ? { agentId: row.forked_from_agent_id, version: row.forked_from_version }
    : null,
  isDefault: row.is_default === 1,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** An entry as its row: what `toAgentEntry` reads back. */
export function toAgentRow(agent: AgentEntry): AgentRow {
  const forkedFrom = storedReference(agent.forkedFrom);
  return {
    id: agent.id,
    org_id: agent.orgId,
    owner_id: agent.ownerId,
    project_id: agent.projectId,
    name: agent.name,
    description: agent.description,
    system_prompt: agent.systemPrompt,
    tools: JSON.stringify(agent.tools),
    examples: JSON.stringify(agent.examples),
    model_id: agent.modelId,
    parameters: JSON.stringify(agent.parameters),
    visibility_level: agent.visibility.level,
    visibility_scope_id: visibilityScopeId(agent.visibility),
    status: agent.status,
    version: agent.version,
    forked_from_agent_id: forkedFrom?.agentId ?? null,
    forked_from_version: forkedFrom?.version ?? null,
    is_default: agent.isDefault ? 1 : 0,
    created_at: agent.createdAt,
    updated_at: agent.updatedAt,
  };
}

export function insertAgent(db: SqliteDatabase, agent: AgentEntry): void {
  db.prepare(
    `INSERT INTO agents (id, org_id, owner_id, project_id, name, description, system_prompt, tools, examples, model_id, parameters,
       visibility_level, visibility_scope_id, status, version, forked_from_agent_id, forked_from_version, is_default, created_at, updated_at)
     VALUES (@id, @org_id, @owner_id, @project_id, @name, @description, @system_prompt, @tools, @examples, @model_id, @parameters,
       @visibility_level, @visibility_scope_id, @status, @version, @forked_from_agent_id, @forked_from_version, @is_default, @created_at, @updated_at)`,
  ).run(toAgentRow(agent));
}
