import { describe, expect, it } from 'vitest';
import { distinctLabels } from '../../../../shared/domain/distinct-labels';

const entry = (id: string, name: string, owner: string, level: string) => ({ id, name, owner, level });

describe('distinctLabels', () => {
  it('leaves a unique name alone and tells shared names apart by owner and visibility', () => {
    const entries = [entry('a', 'Llama', 'Ann', 'public'), entry('b', 'Llama', 'Bob', 'private'), entry('c', 'Mistral', 'Ann', 'public')];
    const labels = distinctLabels(entries, (e) => [e.owner, e.level]);
    expect([...labels.values()]).toEqual(['Llama (Ann · public)', 'Llama (Bob · private)', 'Mistral']);
  });

  it('numbers entries whose details are the same too, so no two labels are equal', () => {
    const entries = [entry('a', 'Helper', 'Ann', 'project'), entry('b', 'Helper', 'Ann', 'project')];
    const labels = distinctLabels(entries, (e) => [e.owner, e.level]);
    expect(new Set(labels.values()).size).toBe(2);
    expect(labels.get('b')).toBe('Helper (Ann · project) #2');
  });
});
