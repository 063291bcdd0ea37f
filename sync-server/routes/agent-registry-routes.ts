import type { AgentEntry, AgentEntryUpdate } from '../../shared/domain/agent-entry';
import type { agentRegistryEndpoints } from '../../shared/rest/agent-registry-endpoints';
import type { ProjectPlacement } from '../../shared/policy/entry-availability';
import { isOfferedInProject } from '../../shared/policy/entry-availability';
import { canSeeEntry, canUseEntry } from '../../shared/policy/visibility';
import { requireProject } from '../access/scope-access';
import type { AgentRow } from '../directory/agent-rows';
import { insertAgent, toAgentEntry } from '../directory/agent-rows';
import { requireNarrowedParameters, requireVisibleModel } from '../directory/model-references';
import { conflict, notFound } from '../http/api-error';
import type { Principal } from '../http/principal';
import type { Handlers } from '../http/register-endpoints';
import type { Services } from '../http/services';
import { agentRanking } from '../registry/agent-ranking';
import { agentStats } from '../registry/agent-stats';
import { agentRef, getAgentRow, updateAgent } from '../registry/agent-store';
import {
  seenEntry,
  registryViewer,
  requireEntryAction,
  requireVisibilityChange,
  sameVisibility,
} from '../registry/entry-access';
import type { SeenEntry } from '../registry/entry-access';
import { recordEntryChange } from '../registry/entry-audit';
import { agentAsSeen, withForkStatus } from '../registry/fork-status';
import { registryListQuery } from '../registry/registry-listing';
import { newEntityId } from '../../shared/domain/new-entity-id';

/** The agent `id` as the caller may see it: 404 when it is missing, another organization's or invisible. */
function seenAgent(services: Services, principal: Principal, id: string): SeenEntry<AgentRow> {
  return seenEntry(services, principal, id, { noun: 'Agent', load: (orgId, entryId) => getAgentRow(services.db, orgId, entryId), ref: agentRef });
}

/**
 * What forks compare against: the definition an agent runs with. Visibility and status are about
 * who may use it, not what it does, so changing them leaves the version alone.
 */
function definitionChanged(before: AgentEntry, after: AgentEntryUpdate): boolean {
  return (
    before.name !== after.name ||
    before.description !== after.description ||
    before.systemPrompt !== after.systemPrompt ||
    before.modelId !== after.modelId ||
    JSON.stringify(before.parameters) !== JSON.stringify(after.parameters) ||
    JSON.stringify(before.tools) !== JSON.stringify(after.tools) ||
    JSON.stringify(before.examples) !== JSON.stringify(after.examples)
  );
}

function placementOf(services: Services, projectId: string): ProjectPlacement {
  const rows = services.db.prepare('SELECT workgroup_id FROM project_workgroups WHERE project_id = ?').all(projectId) as {
    workgroup_id: string;
  }[];
  return { projectId, workgroupIds: rows.map((row) => row.workgroup_id) };
}

export const agentRegistryHandlers: Handlers<typeof agentRegistryEndpoints> = {
  'agent.list': ({ principal, query }, services) => {
    const viewer = registryViewer(services, principal);
    let placement: ProjectPlacement | null = null;
    if (query.projectId !== undefined) {
      requireProject(services, principal, query.projectId, 'project.read');
      placement = placementOf(services, query.projectId);
    }
    const listing = registryListQuery(viewer, 'a', principal.orgId);
    listing.equal('visibility_level', query.visibility);
    listing.equal('status', query.status);
    const rows = services.db
      .prepare(`SELECT a.* FROM agents a WHERE ${listing.sql()} ORDER BY a.is_default DESC, a.created_at, a.id`)
      .all(listing.params) as AgentRow[];
    // The SQL narrows the read; the policy still has the last word on every row.
    const listed = rows.filter((row) => {
      const ref = agentRef(row);
      if (placement === null) return canSeeEntry(viewer, ref);
      return canUseEntry(viewer, ref) && isOfferedInProject({ visibility: ref.visibility, projectId: row.project_id }, placement);
    });
    return { items: withForkStatus(services.db, viewer, listed) };
  },

  'agent.create': ({ principal, body }, services) => {
    const viewer = registryViewer(services, principal);
    if (body.modelId !== null) requireVisibleModel(services.db, viewer, body.modelId, 'modelId');
    requireNarrowedParameters(services.db, principal.orgId, body.modelId, body.parameters);
    const at = services.now().toISOString();
    const agent: AgentEntry = {
      id: newEntityId('agt'),
      orgId: principal.orgId,
      ownerId: principal.userId,
      projectId: body.projectId,
      name: body.name,
      description: body.description,
      systemPrompt: body.systemPrompt,
      tools: body.tools,
      examples: body.examples,
      modelId: body.modelId,
      parameters: body.parameters,
      visibility: body.visibility,
      status: 'active',
      version: 1,
      forkedFrom: null,
      isDefault: false,
      createdAt: at,
      updatedAt: at,
    };
    services.write(() => {
      insertAgent(services.db, agent);
      recordEntryChange(services, principal, 'agent.create', 'agent', agent, { visibility: agent.visibility.level });
    });
    return agent;
  },

  'agent.get': ({ principal, params }, services) => {
    const { viewer, row } = seenAgent(services, principal, params.id);
    const [item] = withForkStatus(services.db, viewer, [row]);
    if (item === undefined) throw notFound('Agent');
    return item;
  },

  'agent.update': ({ principal, params, body }, services) => {
    const { viewer, row } = seenAgent(services, principal, params.id);
    const ref = agentRef(row);
    const before = toAgentEntry(row);
    if (!sameVisibility(before.visibility, body.visibility)) {
      requireVisibilityChange(services, viewer, ref, body.visibility, 'Agent', 'visibility.');
    }
    if (before.status === 'active' && body.status === 'retired') requireEntryAction(viewer, ref, 'registry.entry.retire', 'Agent');
    // A model kept as it was stays, even if the caller cannot see it; a new one must be visible to them.
    if (body.modelId !== null && body.modelId !== before.modelId) requireVisibleModel(services.db, viewer, body.modelId, 'modelId');
    requireNarrowedParameters(services.db, principal.orgId, body.modelId, body.parameters);
    const bump = definitionChanged(before, body);
    const agent: AgentEntry = {
      ...before,
      ...body,
      version: before.version + (bump ? 1 : 0),
      updatedAt: services.now().toISOString(),
    };
    services.write(() => {
      updateAgent(services.db, agent);
      recordEntryChange(services, principal, 'agent.update', 'agent', agent, {
        version: agent.version,
        definitionChanged: bump,
        ...(before.status === agent.status ? {} : { status: agent.status }),
        ...(sameVisibility(before.visibility, agent.visibility) ? {} : { visibility: agent.visibility.level }),
      });
    });
    return agentAsSeen(services.db, viewer, agent);
  },

  'agent.delete': ({ principal, params }, services) => {
    const { row } = seenAgent(services, principal, params.id);
    const agent = toAgentEntry(row);
    services.write(() => {
      // Forks keep their link; with the original gone they simply show no update any more.
      services.db.prepare('DELETE FROM agent_runs WHERE agent_id = ? AND org_id = ?').run(row.id, row.org_id);
      services.db.prepare('DELETE FROM agents WHERE id = ? AND org_id = ?').run(row.id, row.org_id);
      recordEntryChange(services, principal, 'agent.delete', 'agent', agent, { name: agent.name });
    });
    return undefined;
  },

  'agent.visibility.update': ({ principal, params, body }, services) => {
    const { viewer, row } = seenAgent(services, principal, params.id);
    const before = toAgentEntry(row);
    const agent: AgentEntry = { ...before, visibility: body, updatedAt: services.now().toISOString() };
    services.write(() => {
      updateAgent(services.db, agent);
      recordEntryChange(services, principal, 'agent.visibility.update', 'agent', agent, {
        from: before.visibility.level,
        to: agent.visibility.level,
      });
    });
    return agentAsSeen(services.db, viewer, agent);
  },

  'agent.retire': ({ principal, params }, services) => {
    const { viewer, row } = seenAgent(services, principal, params.id);
    if (row.status === 'retired') throw conflict('This agent is already retired.');
    const agent: AgentEntry = { ...toAgentEntry(row), status: 'retired', updatedAt: services.now().toISOString() };
    services.write(() => {
      updateAgent(services.db, agent);
      recordEntryChange(services, principal, 'agent.retire', 'agent', agent);
    });
    return agentAsSeen(services.db, viewer, agent);
  },

  'agent.fork': ({ principal, params, body }, services) => {
    const { row } = seenAgent(services, principal, params.id);
    const original = toAgentEntry(row);
    const at = services.now().toISOString();
    const fork: AgentEntry = {
      id: newEntityId('agt'),
      orgId: principal.orgId,
      ownerId: principal.userId,
      projectId: body.projectId,
      name: body.name ?? original.name,
      description: original.description,
      systemPrompt: original.systemPrompt,
      tools: original.tools,
      examples: original.examples,
      modelId: original.modelId,
      parameters: original.parameters,
      visibility: { level: 'project', projectId: body.projectId },
      status: 'active',
      version: 1,
      forkedFrom: { agentId: original.id, version: original.version },
      isDefault: false,
      createdAt: at,
      updatedAt: at,
    };
    services.write(() => {
      insertAgent(services.db, fork);
      recordEntryChange(services, principal, 'agent.fork', 'agent', fork, { from: original.id, fromVersion: original.version });
    });
    return fork;
  },

  'agent.ranking': ({ principal, query }, services) => {
    services.documents.settle();
    return agentRanking(services.db, registryViewer(services, principal), query);
  },

  'agent.stats': ({ principal, params }, services) => {
    const { viewer, row } = seenAgent(services, principal, params.id);
    services.documents.settle();
    return agentStats(services.db, viewer, row.id);
  },
};
