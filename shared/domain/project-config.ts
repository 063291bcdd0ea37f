import { z } from 'zod';
import { KnowledgeBaseId, ModelEntryId } from './ids';
import { PromptText } from './text-fields';
import { ToolName } from './tool-name';
import { uniqueList } from './unique-list';

/**
 * A project's own settings, before inheritance from its workgroups. `null` means "not set here";
 * an empty tool allowlist, by contrast, allows no tools at all.
 */
export const ProjectConfig = z
  .strictObject({
    systemPromptOverride: PromptText.nullable(),
    modelLock: uniqueList(ModelEntryId)
      .min(1, { error: 'must list at least one model; use null to remove the lock' })
      .nullable(),
    toolAllowlist: uniqueList(ToolName).nullable(),
    knowledgeBaseIds: uniqueList(KnowledgeBaseId),
    defaultModelId: ModelEntryId.nullable(),
  })
  .superRefine((config, ctx) => {
    // A default outside the lock could never run; refuse it rather than fail at the first message.
    if (
      config.modelLock !== null &&
      config.defaultModelId !== null &&
      !config.modelLock.includes(config.defaultModelId)
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['defaultModelId'],
        message: 'must be one of the models in modelLock',
      });
    }
  });
export type ProjectConfig = z.infer<typeof ProjectConfig>;

/** PUT /projects/{id}/config replaces the whole configuration. */
export const ProjectConfigUpdate = ProjectConfig;
export type ProjectConfigUpdate = ProjectConfig;
