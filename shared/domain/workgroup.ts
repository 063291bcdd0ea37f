import { z } from 'zod';
import { AgentEntryId, KnowledgeBaseId, ModelEntryId, OrgId, WorkgroupId } from './ids';
import { Description, DisplayName, PromptText } from './text-fields';
import { Timestamp } from './timestamp';
import { ToolName } from './tool-name';
import { uniqueList } from './unique-list';

/**
 * Settings every project in the workgroup inherits. `null` means the workgroup sets nothing and
 * leaves the decision to the project; an empty tool allowlist, by contrast, allows no tools.
 */
export const WorkgroupSettings = z.strictObject({
  modelPool: uniqueList(ModelEntryId)
    .min(1, { error: 'must list at least one model; use null for no restriction' })
    .nullable(),
  toolAllowlist: uniqueList(ToolName).nullable(),
  systemPrompt: PromptText.nullable(),
  knowledgeBaseIds: uniqueList(KnowledgeBaseId),
  agentIds: uniqueList(AgentEntryId),
});
export type WorkgroupSettings = z.infer<typeof WorkgroupSettings>;

export function emptyWorkgroupSettings(): WorkgroupSettings {
  return { modelPool: null, toolAllowlist: null, systemPrompt: null, knowledgeBaseIds: [], agentIds: [] };
}

export const Workgroup = z.strictObject({
  id: WorkgroupId,
  orgId: OrgId,
  name: DisplayName,
  description: Description,
  settings: WorkgroupSettings,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Workgroup = z.infer<typeof Workgroup>;

/** POST /workgroups. */
export const WorkgroupCreate = z.strictObject({
  name: DisplayName,
  description: Description.default(''),
  settings: WorkgroupSettings.default(emptyWorkgroupSettings),
});
export type WorkgroupCreate = z.infer<typeof WorkgroupCreate>;

/** PUT /workgroups/{id}: replaces the whole editable part. */
export const WorkgroupUpdate = z.strictObject({
  name: DisplayName,
  description: Description,
  settings: WorkgroupSettings,
});
export type WorkgroupUpdate = z.infer<typeof WorkgroupUpdate>;
