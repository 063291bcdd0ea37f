import { describe, expect, it } from 'vitest';
import { blockedToolNames, chooseDefaultAgent, chooseModelId, modelRefusal, offeredToolNames, toolCallRefusal } from '../../../../shared/agents/agent-turn';
import { effectiveSettings } from '../../../../shared/policy/settings-inheritance';
import type { ProjectSettings } from '../../../../shared/policy/settings-inheritance';

function settings(project: Partial<ProjectSettings> = {}) {
  return effectiveSettings({
    project: { defaultModel: null, modelLock: null, toolAllowlist: null, systemPrompt: null, knowledgeBaseIds: [], ...project },
    primaryWorkgroup: null,
    sharedWorkgroups: [],
  });
}

describe('chooseModelId, the one default-model rule of the composer and the runners', () => {
  it('takes the chosen model first, as given when the chooser does not know what is on offer', () => {
    expect(chooseModelId({ chosen: 'x', agentModelId: 'a', effective: settings({ modelLock: ['a'], defaultModel: 'a' }), available: null })).toBe('x');
  });

  it("prefers the agent's own model over the project's default when the lock allows it", () => {
    expect(chooseModelId({ chosen: undefined, agentModelId: 'a', effective: settings({ defaultModel: 'd' }), available: null })).toBe('a');
    expect(chooseModelId({ chosen: null, agentModelId: 'a', effective: settings({ defaultModel: 'd' }), available: ['a', 'd'] })).toBe('a');
  });

  it("falls to the project's default when the lock excludes the agent's model", () => {
    expect(chooseModelId({ chosen: undefined, agentModelId: 'a', effective: settings({ modelLock: ['d'], defaultModel: 'd' }), available: null })).toBe('d');
  });

  it('drops a choice that is no longer on offer and ends with the first model offered', () => {
    const effective = settings({ modelLock: ['m', 'n'] });
    expect(chooseModelId({ chosen: 'gone', agentModelId: 'a', effective, available: ['m', 'n'] })).toBe('m');
    expect(chooseModelId({ chosen: 'n', agentModelId: 'a', effective, available: ['m', 'n'] })).toBe('n');
  });

  it('is null when nothing applies', () => {
    expect(chooseModelId({ chosen: undefined, agentModelId: null, effective: settings(), available: null })).toBeNull();
    expect(chooseModelId({ chosen: 'x', agentModelId: 'a', effective: null, available: [] })).toBeNull();
  });

  it("takes the agent's model before the settings are read", () => {
    expect(chooseModelId({ chosen: undefined, agentModelId: 'a', effective: null, available: ['b', 'a'] })).toBe('a');
  });
});

describe('modelRefusal, the model lock', () => {
  it('refuses a locked-out model by name and lets an allowed one through', () => {
    const effective = settings({ modelLock: ['a'] });
    expect(modelRefusal(effective, { id: 'a', name: 'A' })).toBeNull();
    expect(modelRefusal(effective, { id: 'b', name: 'Bee' })).toMatch(/Bee is not allowed in this project/);
    expect(modelRefusal(settings({ modelLock: [] }), { id: 'b', name: 'Bee' })).toMatch(/no model is allowed/);
  });
});

describe('tools of a turn', () => {
  const provided = ['calculator', 'current_time', 'lookup'];

  it('gives an agent that lists no tools every provided tool the allowlist permits', () => {
    expect(offeredToolNames([], provided, settings())).toEqual(provided);
    expect(offeredToolNames([], provided, settings({ toolAllowlist: ['lookup'] }))).toEqual(['lookup']);
  });

  it("narrows to the agent's own list, and never offers a tool the runner lacks", () => {
    expect(offeredToolNames(['lookup', 'missing'], provided, settings())).toEqual(['lookup']);
  });

  it('names the blocked tools and refuses calls outside the allowlist or the offer', () => {
    const effective = settings({ toolAllowlist: ['calculator'] });
    expect(blockedToolNames(['calculator', 'lookup'], effective)).toEqual(['lookup']);
    expect(toolCallRefusal('calculator', ['calculator'], effective)).toBeNull();
    expect(toolCallRefusal('lookup', ['lookup'], effective)).toMatch(/not allowed/);
    expect(toolCallRefusal('calculator', [], effective)).toMatch(/no tool named/);
  });
});

describe('chooseDefaultAgent', () => {
  const agent = (id: string, status: 'active' | 'retired', isDefault = false) => ({ id, status, isDefault });

  it("takes the workgroups' first active agent, else the default agent", () => {
    const agents = [agent('d', 'active', true), agent('w1', 'retired'), agent('w2', 'active')];
    expect(chooseDefaultAgent(['w1', 'w2'], agents)?.id).toBe('w2');
    expect(chooseDefaultAgent([], agents)?.id).toBe('d');
    expect(chooseDefaultAgent([], [agent('x', 'active')])).toBeUndefined();
  });
});
