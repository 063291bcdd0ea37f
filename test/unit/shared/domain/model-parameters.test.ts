import { describe, expect, it } from 'vitest';
import { describeParameters, effectiveParameters, ModelParameters, narrowingProblems, unsetParameters } from '../../../../shared/domain/model-parameters';

const p = (parameters: Partial<ModelParameters>): ModelParameters => ({ ...unsetParameters, ...parameters });

describe('model parameters', () => {
  it('refuses values out of range', () => {
    expect(ModelParameters.safeParse(p({ temperature: 2.5 })).success).toBe(false);
    expect(ModelParameters.safeParse(p({ maxTokens: 0 })).success).toBe(false);
    expect(ModelParameters.safeParse(p({ maxTokens: 1.5 })).success).toBe(false);
    expect(ModelParameters.safeParse(p({ contextLength: 100 })).success).toBe(false);
    expect(ModelParameters.safeParse(p({ temperature: 0, maxTokens: 1, contextLength: 256 })).success).toBe(true);
  });

  it('lets a narrower level lower a ceiling or leave it, never raise it', () => {
    const model = p({ temperature: 0.7, maxTokens: 512 });
    expect(narrowingProblems(model, p({ temperature: 0.2, maxTokens: 512, contextLength: 8192 }), 'Llama')).toEqual([]);
    expect(narrowingProblems(model, unsetParameters, 'Llama')).toEqual([]);
    expect(narrowingProblems(model, p({ temperature: 0.9, maxTokens: 4096 }), 'Llama')).toEqual([
      { field: 'temperature', message: 'may only narrow the temperature of Llama: at most 0.7, not 0.9' },
      { field: 'maxTokens', message: 'may only narrow the max tokens of Llama: at most 512, not 4096' },
    ]);
  });

  it('asks with the lowest value any level sets', () => {
    expect(effectiveParameters(p({ temperature: 0.7, maxTokens: 512 }), p({ temperature: 0.2, contextLength: 4096 }))).toEqual(p({ temperature: 0.2, maxTokens: 512, contextLength: 4096 }));
    // A model lowered after the agent was saved still wins.
    expect(effectiveParameters(p({ maxTokens: 100 }), p({ maxTokens: 300 })).maxTokens).toBe(100);
    expect(effectiveParameters(unsetParameters, unsetParameters)).toEqual(unsetParameters);
  });

  it('says what is set', () => {
    expect(describeParameters(p({ temperature: 0.2, maxTokens: 512 }))).toBe('temperature 0.2, max tokens 512');
    expect(describeParameters(unsetParameters)).toBeNull();
  });
});
