import { z } from 'zod';
import { AgentEntryId, ModelEntryId, OrgId, ProjectId, UserId } from './ids';
import { ModelParameters, unsetParameters } from './model-parameters';
import { PrivateReference } from './private-reference';
import { Description, DisplayName, PromptText } from './text-fields';
import { Timestamp } from './timestamp';
import { ToolName } from './tool-name';
import { uniqueList } from './unique-list';
import { Visibility } from './visibility';

/** An example interaction shown to users and usable as a few-shot prompt. */
export const AgentExample = z.strictObject({
  input: z.string().min(1).max(10_000),
  output: z.string().min(1).max(10_000),
});
export type AgentExample = z.infer<typeof AgentExample>;

export const agentStatuses = ['active', 'retired'] as const;
export const AgentStatus = z.enum(agentStatuses);
export type AgentStatus = z.infer<typeof AgentStatus>;

/** The original a fork was copied from, and which of its versions, so "update available" can be shown. */
export const ForkOrigin = z.strictObject({
  agentId: AgentEntryId,
  version: z.int().min(1),
});
export type ForkOrigin = z.infer<typeof ForkOrigin>;

const definitionFields = {
  name: DisplayName,
  description: Description,
  systemPrompt: PromptText,
  tools: uniqueList(ToolName),
  examples: z.array(AgentExample).max(20),
  modelId: ModelEntryId.nullable(),
  /** Narrows its model's parameters (never widens them); unset where the model's apply. */
  parameters: ModelParameters.default(() => unsetParameters),
  visibility: Visibility,
};

export const AgentEntry = z
  .strictObject({
    id: AgentEntryId,
    orgId: OrgId,
    ownerId: UserId,
    /** The project a fork lives in; `null` for an organization-level registry entry. */
    projectId: ProjectId.nullable(),
    ...definitionFields,
    status: AgentStatus,
    /** Bumped on every change to the definition, so forks can tell they are behind. */
    version: z.int().min(1),
    /** A private reference where the reader may not see the original. */
    forkedFrom: z.union([ForkOrigin, PrivateReference]).nullable(),
    isDefault: z.boolean(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .superRefine((agent, ctx) => {
    if (agent.forkedFrom === null) return;
    if (agent.projectId === null) {
      ctx.addIssue({ code: 'custom', path: ['projectId'], message: 'is required for a fork' });
    }
    if ('agentId' in agent.forkedFrom && agent.forkedFrom.agentId === agent.id) {
      ctx.addIssue({
        code: 'custom',
        path: ['forkedFrom', 'agentId'],
        message: 'must not be the agent itself',
      });
    }
  });
export type AgentEntry = z.infer<typeof AgentEntry>;

/** POST /agent-registry. A new entry is private until its owner shares it. */
export const AgentEntryCreate = z.strictObject({
  name: DisplayName,
  description: Description.default(''),
  systemPrompt: PromptText,
  tools: uniqueList(ToolName).default(() => []),
  examples: z.array(AgentExample).max(20).default(() => []),
  modelId: ModelEntryId.nullable().default(null),
  parameters: ModelParameters.default(() => unsetParameters),
  visibility: Visibility.default(() => ({ level: 'private' as const })),
  projectId: ProjectId.nullable().default(null),
});
export type AgentEntryCreate = z.infer<typeof AgentEntryCreate>;

/** PUT /agent-registry/{id}: the whole definition, and retiring or reactivating. */
export const AgentEntryUpdate = z.strictObject({
  ...definitionFields,
  status: AgentStatus,
});
export type AgentEntryUpdate = z.infer<typeof AgentEntryUpdate>;

/** POST /agent-registry/{id}/fork: copies the agent into a project, keeping the link. */
export const AgentFork = z.strictObject({
  projectId: ProjectId,
  name: DisplayName.optional(),
});
export type AgentFork = z.infer<typeof AgentFork>;
