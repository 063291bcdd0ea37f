import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type {
  EffectiveAllowlist,
  ProjectSettings,
  SettingsLayers,
  WorkgroupSettingsLayer,
} from '../../../../shared/policy/settings-inheritance';
import { effectiveSettings, isModelAllowed, isToolAllowed } from '../../../../shared/policy/settings-inheritance';

function project(overrides: Partial<ProjectSettings> = {}): ProjectSettings {
  return { defaultModel: null, modelLock: null, toolAllowlist: null, systemPrompt: null, knowledgeBaseIds: [], ...overrides };
}

function workgroup(workgroupId: string, overrides: Partial<WorkgroupSettingsLayer> = {}): WorkgroupSettingsLayer {
  return { workgroupId, modelPool: null, toolAllowlist: null, systemPrompt: null, knowledgeBaseIds: [], ...overrides };
}

function layers(overrides: Partial<SettingsLayers> = {}): SettingsLayers {
  return { project: project(), primaryWorkgroup: null, sharedWorkgroups: [], ...overrides };
}

const fromWorkgroup = (workgroupId: string) => ({ kind: 'workgroup', workgroupId }) as const;

describe('model allowlist', () => {
  it('is unrestricted when nothing restricts it', () => {
    const effective = effectiveSettings(layers({ primaryWorkgroup: workgroup('w1') }));
    expect(effective.models).toEqual({ value: null, sources: [{ kind: 'default' }], excluded: [] });
    expect(isModelAllowed(effective, 'anything')).toBe(true);
  });

  it("takes the primary workgroup's pool", () => {
    const effective = effectiveSettings(layers({ primaryWorkgroup: workgroup('w1', { modelPool: ['a', 'b'] }) }));
    expect(effective.models.value).toEqual(['a', 'b']);
    expect(effective.models.sources).toEqual([fromWorkgroup('w1')]);
    expect(isModelAllowed(effective, 'c')).toBe(false);
  });

  it('intersects every restricting workgroup pool, primary and shared', () => {
    const effective = effectiveSettings(
      layers({
        primaryWorkgroup: workgroup('w1', { modelPool: ['a', 'b', 'c'] }),
        sharedWorkgroups: [workgroup('w2', { modelPool: ['c', 'b', 'z'] }), workgroup('w3')],
      }),
    );
    expect(effective.models.value).toEqual(['b', 'c']);
    expect(effective.models.sources).toEqual([fromWorkgroup('w1'), fromWorkgroup('w2')]);
    expect(effective.models.excluded).toEqual([
      { value: 'a', excludedBy: fromWorkgroup('w2') },
      { value: 'z', excludedBy: fromWorkgroup('w1') },
    ]);
  });

  it('lets a project lock narrow but never widen, in the order the project chose', () => {
    const effective = effectiveSettings(
      layers({
        project: project({ modelLock: ['gpt-x', 'c', 'a'] }),
        primaryWorkgroup: workgroup('w1', { modelPool: ['a', 'b', 'c'] }),
      }),
    );
    expect(effective.models.value).toEqual(['c', 'a']);
    expect(effective.models.sources).toEqual([{ kind: 'project' }, fromWorkgroup('w1')]);
    expect(effective.models.excluded).toEqual([
      { value: 'gpt-x', excludedBy: fromWorkgroup('w1') },
      { value: 'b', excludedBy: { kind: 'project' } },
    ]);
    expect(isModelAllowed(effective, 'gpt-x')).toBe(false);
  });

  it('allows nothing, rather than everything, when the restrictions do not overlap', () => {
    const effective = effectiveSettings(
      layers({ project: project({ modelLock: ['a'] }), primaryWorkgroup: workgroup('w1', { modelPool: ['b'] }) }),
    );
    expect(effective.models.value).toEqual([]);
    expect(isModelAllowed(effective, 'a')).toBe(false);
    expect(isModelAllowed(effective, 'b')).toBe(false);
    expect(effective.defaultModel.value).toBeNull();
  });

  it('counts a workgroup listed as primary and shared once', () => {
    const w1 = workgroup('w1', { modelPool: ['a'] });
    const effective = effectiveSettings(layers({ primaryWorkgroup: w1, sharedWorkgroups: [w1] }));
    expect(effective.models.sources).toEqual([fromWorkgroup('w1')]);
  });
});

describe('tool allowlist', () => {
  it('narrows the same way', () => {
    const effective = effectiveSettings(
      layers({
        project: project({ toolAllowlist: ['search', 'shell'] }),
        primaryWorkgroup: workgroup('w1', { toolAllowlist: ['search', 'fetch'] }),
      }),
    );
    expect(effective.tools.value).toEqual(['search']);
    expect(isToolAllowed(effective, 'search')).toBe(true);
    expect(isToolAllowed(effective, 'shell')).toBe(false);
    expect(isToolAllowed(effective, 'fetch')).toBe(false);
  });

  it('is unrestricted without allowlists', () => {
    expect(isToolAllowed(effectiveSettings(layers()), 'shell')).toBe(true);
  });
});

describe('system prompt', () => {
  const all = {
    project: project({ systemPrompt: 'project' }),
    primaryWorkgroup: workgroup('w1', { systemPrompt: 'primary' }),
    sharedWorkgroups: [workgroup('w2', { systemPrompt: 'shared-1' }), workgroup('w3', { systemPrompt: 'shared-2' })],
    agentSystemPrompt: 'agent',
  } satisfies SettingsLayers;

  it('prefers the project override and says what it shadows', () => {
    expect(effectiveSettings(all).systemPrompt).toEqual({
      value: 'project',
      source: { kind: 'project' },
      shadowed: [fromWorkgroup('w1'), fromWorkgroup('w2'), fromWorkgroup('w3'), { kind: 'agent' }],
    });
  });

  it('falls back to the primary workgroup, then shared workgroups in order, then the agent', () => {
    const noProject = { ...all, project: project() };
    expect(effectiveSettings(noProject).systemPrompt).toMatchObject({ value: 'primary', source: fromWorkgroup('w1') });
    const noPrimary = { ...noProject, primaryWorkgroup: workgroup('w1') };
    expect(effectiveSettings(noPrimary).systemPrompt).toMatchObject({ value: 'shared-1', source: fromWorkgroup('w2') });
    const onlyAgent = { ...noPrimary, sharedWorkgroups: [] };
    expect(effectiveSettings(onlyAgent).systemPrompt).toEqual({ value: 'agent', source: { kind: 'agent' }, shadowed: [] });
  });

  it('treats a blank override as no override', () => {
    const blank = { ...all, project: project({ systemPrompt: '   ' }) };
    expect(effectiveSettings(blank).systemPrompt.value).toBe('primary');
  });

  it('is empty by default', () => {
    expect(effectiveSettings(layers()).systemPrompt).toEqual({ value: null, source: { kind: 'default' }, shadowed: [] });
  });
});

describe('knowledge bases', () => {
  it('unites the project and workgroup bindings, with every source of each', () => {
    const effective = effectiveSettings(
      layers({
        project: project({ knowledgeBaseIds: ['kb-p', 'kb-both'] }),
        primaryWorkgroup: workgroup('w1', { knowledgeBaseIds: ['kb-both', 'kb-w1'] }),
        sharedWorkgroups: [workgroup('w2', { knowledgeBaseIds: ['kb-w1'] })],
      }),
    );
    expect(effective.knowledgeBases).toEqual([
      { value: 'kb-p', sources: [{ kind: 'project' }] },
      { value: 'kb-both', sources: [{ kind: 'project' }, fromWorkgroup('w1')] },
      { value: 'kb-w1', sources: [fromWorkgroup('w1'), fromWorkgroup('w2')] },
    ]);
  });
});

describe('default model', () => {
  it("uses the project's default when it is allowed", () => {
    const effective = effectiveSettings(
      layers({ project: project({ defaultModel: 'b' }), primaryWorkgroup: workgroup('w1', { modelPool: ['a', 'b'] }) }),
    );
    expect(effective.defaultModel).toEqual({ value: 'b', source: { kind: 'project' }, notAllowed: null });
  });

  it('falls back to the first allowed model and reports the refused choice', () => {
    const effective = effectiveSettings(
      layers({ project: project({ defaultModel: 'x' }), primaryWorkgroup: workgroup('w1', { modelPool: ['a', 'b'] }) }),
    );
    expect(effective.defaultModel).toEqual({ value: 'a', source: { kind: 'default' }, notAllowed: 'x' });
  });

  it("keeps the project's default when nothing restricts, and has none when nothing is chosen", () => {
    expect(effectiveSettings(layers({ project: project({ defaultModel: 'x' }) })).defaultModel.value).toBe('x');
    expect(effectiveSettings(layers()).defaultModel).toEqual({ value: null, source: { kind: 'default' }, notAllowed: null });
  });
});

const models = ['m1', 'm2', 'm3', 'm4', 'm5'];
const listArb = fc.option(fc.shuffledSubarray(models), { nil: null });
const layersArb: fc.Arbitrary<SettingsLayers> = fc.record({
  project: fc.record({
    defaultModel: fc.option(fc.constantFrom(...models), { nil: null }),
    modelLock: listArb,
    toolAllowlist: listArb,
    systemPrompt: fc.option(fc.string(), { nil: null }),
    knowledgeBaseIds: fc.subarray(['k1', 'k2']),
  }),
  primaryWorkgroup: fc.option(
    fc.record({
      workgroupId: fc.constant('w1'),
      modelPool: listArb,
      toolAllowlist: listArb,
      systemPrompt: fc.option(fc.string(), { nil: null }),
      knowledgeBaseIds: fc.subarray(['k2', 'k3']),
    }),
    { nil: null },
  ),
  // A workgroup is one entity with one set of settings, so ids are unique.
  sharedWorkgroups: fc.uniqueArray(
    fc.record({
      workgroupId: fc.constantFrom('w2', 'w3', 'w4'),
      modelPool: listArb,
      toolAllowlist: listArb,
      systemPrompt: fc.option(fc.string(), { nil: null }),
      knowledgeBaseIds: fc.subarray(['k3', 'k4']),
    }),
    { maxLength: 3, selector: (w) => w.workgroupId },
  ),
});

function restrictingLists(input: SettingsLayers, pick: 'models' | 'tools'): (readonly string[])[] {
  const workgroups = [...(input.primaryWorkgroup === null ? [] : [input.primaryWorkgroup]), ...input.sharedWorkgroups];
  const own = pick === 'models' ? input.project.modelLock : input.project.toolAllowlist;
  const inherited = workgroups.map((w) => (pick === 'models' ? w.modelPool : w.toolAllowlist));
  return [own, ...inherited].filter((list): list is readonly string[] => list !== null);
}

function expectNarrowed(allowlist: EffectiveAllowlist, lists: (readonly string[])[]): void {
  if (lists.length === 0) {
    expect(allowlist.value).toBeNull();
    return;
  }
  expect(allowlist.value).not.toBeNull();
  const value = allowlist.value ?? [];
  for (const list of lists) for (const item of value) expect(list).toContain(item);
  const everywhere = models.filter((item) => lists.every((list) => list.includes(item)));
  expect([...value].sort()).toEqual(everywhere);
}

describe('settings inheritance properties', () => {
  it('allows exactly the models in every restricting pool and the project lock', () => {
    fc.assert(fc.property(layersArb, (input) => expectNarrowed(effectiveSettings(input).models, restrictingLists(input, 'models'))));
  });

  it('allows exactly the tools in every restricting allowlist', () => {
    fc.assert(fc.property(layersArb, (input) => expectNarrowed(effectiveSettings(input).tools, restrictingLists(input, 'tools'))));
  });

  it('never widens when the project adds a lock', () => {
    fc.assert(
      fc.property(layersArb, fc.shuffledSubarray(models), (input, lock) => {
        const before = effectiveSettings({ ...input, project: { ...input.project, modelLock: null } });
        const after = effectiveSettings({ ...input, project: { ...input.project, modelLock: lock } });
        for (const model of models) {
          if (isModelAllowed(after, model)) expect(isModelAllowed(before, model)).toBe(true);
        }
      }),
    );
  });

  it('always picks an allowed default model', () => {
    fc.assert(
      fc.property(layersArb, (input) => {
        const effective = effectiveSettings(input);
        const chosen = effective.defaultModel.value;
        if (chosen !== null) expect(isModelAllowed(effective, chosen)).toBe(true);
        if (effective.models.value !== null && effective.models.value.length > 0) expect(chosen).not.toBeNull();
      }),
    );
  });
});
