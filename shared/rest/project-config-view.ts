import { z } from 'zod';
import { WorkgroupId } from '../domain/ids';
import { ProjectConfig } from '../domain/project-config';
import { DisplayName } from '../domain/text-fields';

/** Where an effective setting comes from (`shared/policy/settings-inheritance.ts`). */
export const SettingSourceView = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('project') }),
  z.strictObject({ kind: z.literal('workgroup'), workgroupId: WorkgroupId }),
  z.strictObject({ kind: z.literal('agent') }),
  z.strictObject({ kind: z.literal('default') }),
]);
export type SettingSourceView = z.infer<typeof SettingSourceView>;

/** `value` null: unrestricted; `[]`: nothing allowed. `excluded` says which layer took an item away. */
const EffectiveAllowlistView = z.strictObject({
  value: z.array(z.string()).nullable(),
  sources: z.array(SettingSourceView),
  excluded: z.array(z.strictObject({ value: z.string(), excludedBy: SettingSourceView })),
});

export const EffectiveSettingsView = z.strictObject({
  models: EffectiveAllowlistView,
  tools: EffectiveAllowlistView,
  systemPrompt: z.strictObject({
    value: z.string().nullable(),
    source: SettingSourceView,
    shadowed: z.array(SettingSourceView),
  }),
  knowledgeBases: z.array(z.strictObject({ value: z.string(), sources: z.array(SettingSourceView) })),
  defaultModel: z.strictObject({
    value: z.string().nullable(),
    source: SettingSourceView,
    notAllowed: z.string().nullable(),
  }),
});
export type EffectiveSettingsView = z.infer<typeof EffectiveSettingsView>;

/**
 * GET and PUT /projects/{id}/config: the project's own settings, what applies after inheritance and
 * where each value comes from, and the workgroups it inherits from, named for display.
 */
export const ProjectConfigView = z.strictObject({
  config: ProjectConfig,
  effective: EffectiveSettingsView,
  workgroups: z.array(
    z.strictObject({ id: WorkgroupId, name: DisplayName, placement: z.enum(['primary', 'shared']) }),
  ),
});
export type ProjectConfigView = z.infer<typeof ProjectConfigView>;
