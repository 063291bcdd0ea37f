import { z } from 'zod';
import { ModelEntryId, ModelVersionId } from './ids';
import { TrainingMetadataValue, VersionLabel } from './model-version';
import type { ModelVersion } from './model-version';
import { Sha256Hex } from './sha256-hex';

export const ComparedVersion = z.strictObject({
  modelId: ModelEntryId,
  versionId: ModelVersionId,
  version: VersionLabel,
  checksum: Sha256Hex,
});
export type ComparedVersion = z.infer<typeof ComparedVersion>;

/** One benchmark side by side; `null` where a version has no score, and then no delta. */
export const BenchmarkComparison = z.strictObject({
  name: z.string(),
  a: z.number().nullable(),
  b: z.number().nullable(),
  /**
   * `b - a`: positive when b scores higher. Whether higher is better depends on the benchmark.
   * `null` also when the difference is too large to be a number, as for scores stored before
   * they were bounded.
   */
  delta: z.number().nullable(),
});
export type BenchmarkComparison = z.infer<typeof BenchmarkComparison>;

export const metadataChanges = ['added', 'removed', 'changed'] as const;
export const MetadataChange = z.enum(metadataChanges);
export type MetadataChange = z.infer<typeof MetadataChange>;

/** A training-metadata key whose value differs; `null` on the side that lacks the key. */
export const MetadataDifference = z.strictObject({
  key: z.string(),
  a: TrainingMetadataValue.nullable(),
  b: TrainingMetadataValue.nullable(),
  change: MetadataChange,
});
export type MetadataDifference = z.infer<typeof MetadataDifference>;

/** Direct parent links only: further ancestry needs the versions in between. */
export const directLineages = ['a-parent-of-b', 'b-parent-of-a', 'none'] as const;
export const DirectLineage = z.enum(directLineages);
export type DirectLineage = z.infer<typeof DirectLineage>;

export const ModelVersionComparison = z.strictObject({
  a: ComparedVersion,
  b: ComparedVersion,
  /** Equal checksums: the same artifact registered twice, whatever the labels say. */
  sameArtifact: z.boolean(),
  directLineage: DirectLineage,
  /** Every benchmark either version has, by name. */
  benchmarks: z.array(BenchmarkComparison),
  /** Only the keys that differ, by key. */
  metadataDifferences: z.array(MetadataDifference),
});
export type ModelVersionComparison = z.infer<typeof ModelVersionComparison>;

// Code-point order, so the result does not depend on the runtime's locale.
function byCodePoint(x: string, y: string): number {
  if (x < y) return -1;
  return x > y ? 1 : 0;
}

function sortedKeys(x: Readonly<Record<string, unknown>>, y: Readonly<Record<string, unknown>>): string[] {
  return [...new Set([...Object.keys(x), ...Object.keys(y)])].sort(byCodePoint);
}

// Own keys only: a key such as `constructor` must not pick up a value from the prototype.
function own<T>(record: Readonly<Record<string, T>>, key: string): T | null {
  return Object.hasOwn(record, key) ? (record[key] ?? null) : null;
}

function describeVersion(version: ModelVersion): ComparedVersion {
  return {
    modelId: version.modelId,
    versionId: version.id,
    version: version.version,
    checksum: version.checksum,
  };
}

function parentVersionId(version: ModelVersion): string | undefined {
  return version.parent !== null && 'versionId' in version.parent ? version.parent.versionId : undefined;
}

function lineageBetween(a: ModelVersion, b: ModelVersion): DirectLineage {
  if (parentVersionId(b) === a.id) return 'a-parent-of-b';
  if (parentVersionId(a) === b.id) return 'b-parent-of-a';
  return 'none';
}

/** Compares two versions, usually of one model entry, for the registry's compare view. */
export function compareModelVersions(a: ModelVersion, b: ModelVersion): ModelVersionComparison {
  const benchmarks = sortedKeys(a.benchmarks, b.benchmarks).map((name): BenchmarkComparison => {
    const scoreA = own(a.benchmarks, name);
    const scoreB = own(b.benchmarks, name);
    const difference = scoreA === null || scoreB === null ? null : scoreB - scoreA;
    const delta = difference !== null && Number.isFinite(difference) ? difference : null;
    return { name, a: scoreA, b: scoreB, delta };
  });

  const metadataDifferences: MetadataDifference[] = [];
  for (const key of sortedKeys(a.trainingMetadata, b.trainingMetadata)) {
    const valueA = own(a.trainingMetadata, key);
    const valueB = own(b.trainingMetadata, key);
    if (valueA === valueB) continue;
    const change: MetadataChange = valueA === null ? 'added' : valueB === null ? 'removed' : 'changed';
    metadataDifferences.push({ key, a: valueA, b: valueB, change });
  }

  return {
    a: describeVersion(a),
    b: describeVersion(b),
    sameArtifact: a.checksum === b.checksum,
    directLineage: lineageBetween(a, b),
    benchmarks,
    metadataDifferences,
  };
}
