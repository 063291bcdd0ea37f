import { describe, expect, it } from 'vitest';
import { newlyNamedReferences, projectSettingReferences, workgroupSettingReferences } from '../../../../shared/policy/setting-references';

describe('entries named by settings', () => {
  it('lists every name a first write makes, with the setting and index it sits at', () => {
    expect(newlyNamedReferences(projectSettingReferences, { modelLock: ['mdl_a', 'mdl_b'], defaultModelId: 'mdl_c', knowledgeBaseIds: ['kb_a'], systemPromptOverride: 'x' }, null)).toEqual([
      { field: 'modelLock.0', kind: 'model', id: 'mdl_a' },
      { field: 'modelLock.1', kind: 'model', id: 'mdl_b' },
      { field: 'defaultModelId', kind: 'model', id: 'mdl_c' },
      { field: 'knowledgeBaseIds.0', kind: 'knowledge-base', id: 'kb_a' },
    ]);
  });

  it('leaves out names already there, in any setting naming the same kind', () => {
    const previous = { modelLock: ['mdl_a'], defaultModelId: 'mdl_b', knowledgeBaseIds: ['kb_a'] };
    expect(newlyNamedReferences(projectSettingReferences, { modelLock: ['mdl_b', 'mdl_a'], defaultModelId: 'mdl_a', knowledgeBaseIds: ['kb_a', 'kb_b'] }, previous)).toEqual([
      { field: 'knowledgeBaseIds.1', kind: 'knowledge-base', id: 'kb_b' },
    ]);
  });

  it('does not take a name of one kind for a name of another', () => {
    expect(newlyNamedReferences(workgroupSettingReferences, { agentIds: ['same_id'] }, { modelPool: ['same_id'] })).toEqual([{ field: 'agentIds.0', kind: 'agent', id: 'same_id' }]);
  });

  it('looks only at the settings written, and names nothing for a cleared lock', () => {
    expect(newlyNamedReferences(projectSettingReferences, { systemPromptOverride: 'x' }, null)).toEqual([]);
    expect(newlyNamedReferences(projectSettingReferences, { modelLock: null, defaultModelId: null }, null)).toEqual([]);
  });
});
