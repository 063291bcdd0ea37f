import { describe, expect, it } from 'vitest';
import {
  ModelVersionComparison,
  compareModelVersions,
} from '../../../../shared/domain/model-version-comparison';
import type { ModelVersion } from '../../../../shared/domain/model-version';
import { created, id, sha } from './fixtures';

const base: ModelVersion = {
  id: id('mver', 1),
  modelId: id('mdl'),
  version: '1.0.0',
  checksum: sha('a'),
  trainingMetadata: { dataset: 'tickets-2024', epochs: 3, lora: false, seed: 7 },
  parent: null,
  benchmarks: { mmlu: 0.7, gsm8k: 0.5, latencyMs: 120 },
  createdAt: created,
};

const next: ModelVersion = {
  id: id('mver', 2),
  modelId: id('mdl'),
  version: '1.1.0',
  checksum: sha('b'),
  trainingMetadata: { dataset: 'tickets-2025', epochs: 3, lora: true, learningRate: 0.0002 },
  parent: { modelId: id('mdl'), versionId: id('mver', 1) },
  benchmarks: { mmlu: 0.75, latencyMs: 100, humaneval: 0.4 },
  createdAt: created,
};

describe('compareModelVersions', () => {
  const comparison = compareModelVersions(base, next);

  it('puts every benchmark side by side, by name, with b minus a', () => {
    expect(comparison.benchmarks.map((row) => row.name)).toEqual(['gsm8k', 'humaneval', 'latencyMs', 'mmlu']);
    const byName = Object.fromEntries(comparison.benchmarks.map((row) => [row.name, row]));
    expect(byName['mmlu']?.a).toBe(0.7);
    expect(byName['mmlu']?.b).toBe(0.75);
    expect(byName['mmlu']?.delta).toBeCloseTo(0.05, 10);
    expect(byName['latencyMs']).toEqual({ name: 'latencyMs', a: 120, b: 100, delta: -20 });
  });

  it('leaves the delta empty where one side has no score', () => {
    expect(comparison.benchmarks).toContainEqual({ name: 'gsm8k', a: 0.5, b: null, delta: null });
    expect(comparison.benchmarks).toContainEqual({ name: 'humaneval', a: null, b: 0.4, delta: null });
  });

  it('lists only the metadata that differs, by key', () => {
    expect(comparison.metadataDifferences).toEqual([
      { key: 'dataset', a: 'tickets-2024', b: 'tickets-2025', change: 'changed' },
      { key: 'learningRate', a: null, b: 0.0002, change: 'added' },
      { key: 'lora', a: false, b: true, change: 'changed' },
      { key: 'seed', a: 7, b: null, change: 'removed' },
    ]);
  });

  it('names both versions and their lineage', () => {
    expect(comparison.a).toEqual({ modelId: id('mdl'), versionId: id('mver', 1), version: '1.0.0', checksum: sha('a') });
    expect(comparison.b.versionId).toBe(id('mver', 2));
    expect(comparison.directLineage).toBe('a-parent-of-b');
    expect(compareModelVersions(next, base).directLineage).toBe('b-parent-of-a');
    expect(compareModelVersions(base, { ...next, parent: null }).directLineage).toBe('none');
  });

  it('tells whether the artifact is the same', () => {
    expect(comparison.sameArtifact).toBe(false);
    expect(compareModelVersions(base, { ...next, checksum: base.checksum }).sameArtifact).toBe(true);
  });

  it('is the mirror image when the sides are swapped', () => {
    const swapped = compareModelVersions(next, base);
    const mmlu = swapped.benchmarks.find((row) => row.name === 'mmlu');
    expect(mmlu?.delta).toBeCloseTo(-0.05, 10);
    expect(swapped.metadataDifferences.find((row) => row.key === 'seed')?.change).toBe('added');
  });

  it('finds nothing to report between a version and itself', () => {
    const same = compareModelVersions(base, base);
    expect(same.metadataDifferences).toEqual([]);
    expect(same.benchmarks.every((row) => row.delta === 0)).toBe(true);
  });

  it('does not read keys such as constructor from the prototype', () => {
    const withConstructor = { ...next, benchmarks: { constructor: 1 }, trainingMetadata: { toString: 'x' } };
    const result = compareModelVersions({ ...base, benchmarks: {}, trainingMetadata: {} }, withConstructor);
    expect(result.benchmarks).toEqual([{ name: 'constructor', a: null, b: 1, delta: null }]);
    expect(result.metadataDifferences).toEqual([{ key: 'toString', a: null, b: 'x', change: 'added' }]);
  });

  it('produces what the comparison schema accepts', () => {
    expect(ModelVersionComparison.safeParse(comparison).success).toBe(true);
  });

  it('has a schema that refuses unknown fields', () => {
    expect(ModelVersionComparison.safeParse({ ...comparison, extra: true }).success).toBe(false);
  });
});
