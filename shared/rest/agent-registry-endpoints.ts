import { z } from 'zod';
import { AgentEntry, AgentEntryCreate, AgentEntryUpdate, AgentFork, AgentStatus } from '../domain/agent-entry';
import { AgentRanking, AgentRankingQuery, AgentStats } from '../domain/agent-stats';
import { ProjectId } from '../domain/ids';
import { Visibility, VisibilityLevel } from '../domain/visibility';
import type { Endpoint } from './endpoint';
import { listOf, NoContent } from './list-response';
import { IdParams } from './path-params';

/** GET /agent-registry: narrows what the caller can see; it never widens it. */
export const AgentListQuery = z.strictObject({
  visibility: VisibilityLevel.optional(),
  status: AgentStatus.optional(),
  /**
   * Only the active entries usable in this project: those whose scope covers it and the forks
   * living in it. The caller must be able to see the project.
   */
  projectId: ProjectId.optional(),
});
export type AgentListQuery = z.infer<typeof AgentListQuery>;

/**
 * An agent as the registry shows it. For a fork, `originalVersion` is the original's current
 * version and `updateAvailable` says it has moved past the version forked; both stay empty when
 * the original is gone or the caller cannot see it, so a fork never reveals anything about it.
 */
export const AgentRegistryItem = AgentEntry.safeExtend({
  originalVersion: z.int().min(1).nullable(),
  updateAvailable: z.boolean(),
});
export type AgentRegistryItem = z.infer<typeof AgentRegistryItem>;

export const agentRegistryEndpoints = {
  'agent.list': {
    method: 'GET',
    path: '/agent-registry',
    summary: 'Agent entries the caller can see, with update information for forks',
    query: AgentListQuery,
    response: listOf(AgentRegistryItem),
  },
  'agent.create': {
    method: 'POST',
    path: '/agent-registry',
    access: [
      { on: 'org', action: 'registry.agent.register' },
      { on: 'project', action: 'registry.agent.manage-in-project', id: 'body.projectId' },
      { on: 'publish', kind: 'agent', visibility: 'body.visibility' },
    ],
    summary: 'Register an agent; private unless a scope the caller may publish into is given',
    body: AgentEntryCreate,
    status: 201,
    response: AgentEntry,
  },
  'agent.get': {
    method: 'GET',
    path: '/agent-registry/:id',
    summary: 'One agent entry, with update information when it is a fork',
    params: IdParams,
    response: AgentRegistryItem,
  },
  'agent.update': {
    method: 'PUT',
    path: '/agent-registry/:id',
    access: [{ on: 'entry', kind: 'agent', action: 'registry.entry.update', id: 'params.id' }],
    summary: 'Replace the definition, visibility and status; a changed definition bumps the version',
    params: IdParams,
    body: AgentEntryUpdate,
    response: AgentEntry,
  },
  'agent.delete': {
    method: 'DELETE',
    path: '/agent-registry/:id',
    access: [{ on: 'entry', kind: 'agent', action: 'registry.entry.delete', id: 'params.id' }],
    summary: 'Delete an agent entry and its recorded runs (never the default agent)',
    params: IdParams,
    status: 204,
    response: NoContent,
  },
  'agent.visibility.update': {
    method: 'PUT',
    path: '/agent-registry/:id/visibility',
    access: [{ on: 'entry', kind: 'agent', action: 'registry.entry.change-visibility', id: 'params.id', target: 'body' }],
    summary: 'Change who can see an agent entry: level and scope',
    params: IdParams,
    body: Visibility,
    response: AgentEntry,
  },
  'agent.retire': {
    method: 'POST',
    path: '/agent-registry/:id/retire',
    access: [{ on: 'entry', kind: 'agent', action: 'registry.entry.retire', id: 'params.id' }],
    summary: 'Retire an agent: kept for history, no longer usable or forkable',
    params: IdParams,
    response: AgentEntry,
  },
  'agent.fork': {
    method: 'POST',
    path: '/agent-registry/:id/fork',
    access: [
      { on: 'entry', kind: 'agent', action: 'registry.entry.fork', id: 'params.id' },
      { on: 'project', action: 'agent.fork-into', id: 'body.projectId' },
    ],
    summary: 'Copy an agent into a project, keeping the link to the original and the version forked',
    params: IdParams,
    body: AgentFork,
    status: 201,
    response: AgentEntry,
  },
  'agent.ranking': {
    method: 'GET',
    path: '/agent-registry/stats',
    summary: 'The agents the caller can see ranked by invocations, average rating or error rate over a period, counting the projects the caller can see',
    query: AgentRankingQuery,
    response: AgentRanking,
  },
  'agent.stats': {
    method: 'GET',
    path: '/agent-registry/:id/stats',
    access: [{ on: 'entry', kind: 'agent', action: 'registry.entry.stats.read', id: 'params.id' }],
    summary: 'Invocations, ratings, tool calls and error rate, over the projects the caller can see',
    params: IdParams,
    response: AgentStats,
  },
} as const satisfies Record<string, Endpoint>;
