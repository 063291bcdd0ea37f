import { describe, expect, it } from 'vitest';
import type { ProjectConfigView } from '../../../../shared/rest/project-config-view';
import { settingsNotInEffect } from '../../../../renderer/lib/settings-not-in-effect';

const names = { model: (id: string) => ({ mdl_a: 'Alpha 7B', mdl_b: 'Beta 70B' })[id] ?? 'a model you cannot see', workgroup: () => 'Research' };
const workgroup = { kind: 'workgroup' as const, workgroupId: 'wg_research0000000000' };

function view(over: { modelLock?: string[] | null; excluded?: string[]; notAllowed?: string | null }): ProjectConfigView {
  return {
    config: { systemPromptOverride: null, modelLock: over.modelLock ?? null, toolAllowlist: null, knowledgeBaseIds: [], defaultModelId: over.notAllowed ?? null },
    effective: {
      models: { value: ['mdl_a'], sources: [workgroup], excluded: (over.excluded ?? []).map((value) => ({ value, excludedBy: workgroup })) },
      tools: { value: null, sources: [], excluded: [] },
      systemPrompt: { value: null, source: { kind: 'default' }, shadowed: [] },
      knowledgeBases: [],
      defaultModel: { value: 'mdl_a', source: { kind: 'default' }, notAllowed: over.notAllowed ?? null },
    },
    workgroups: [{ id: 'wg_research0000000000', name: 'Research', placement: 'primary' }],
  };
}

describe('settingsNotInEffect', () => {
  it('says which saved model a workgroup leaves out, and why, by name', () => {
    expect(settingsNotInEffect(view({ modelLock: ['mdl_a', 'mdl_b'], excluded: ['mdl_b'] }), names)).toEqual([
      'Model Beta 70B is saved in this project’s model list but not in effect, because workgroup Research does not allow it.',
    ]);
  });

  it('says a saved default model outside the allowed models is not in effect', () => {
    expect(settingsNotInEffect(view({ notAllowed: 'mdl_b' }), names)).toEqual(['Default model Beta 70B is saved but not in effect, because it is not among the models allowed here.']);
  });

  it('says nothing when everything saved applies, or an exclusion is not the project’s own', () => {
    expect(settingsNotInEffect(view({ modelLock: ['mdl_a'] }), names)).toEqual([]);
    expect(settingsNotInEffect(view({ excluded: ['mdl_b'] }), names)).toEqual([]);
  });
});
