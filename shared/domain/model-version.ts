import { z } from 'zod';
import { ModelEntryId, ModelVersionId } from './ids';
import { PrivateReference } from './private-reference';
import { Sha256Hex } from './sha256-hex';
import { Timestamp } from './timestamp';

/** A human label such as `1.2.0` or `2025-06-llama-ft`; one line, no spaces. */
export const VersionLabel = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$/,
    'must be 1 to 64 letters, digits, dots, underscores, plus signs or hyphens, starting with a letter or digit',
  );
export type VersionLabel = z.infer<typeof VersionLabel>;

// Keys are not trimmed (that could merge two keys), so surrounding whitespace is refused instead.
const recordKey = z
  .string()
  .min(1)
  .max(128)
  .regex(/^(?!\s)[^\p{Cc}]*(?<!\s)$/u, {
    error: 'must have no leading or trailing spaces and no control characters',
  });

export const TrainingMetadataValue = z.union([z.string().max(4000), z.number(), z.boolean()], {
  error: 'must be a string (at most 4000 characters), a finite number or a boolean',
});
export type TrainingMetadataValue = z.infer<typeof TrainingMetadataValue>;

/** How the artifact was produced: dataset, epochs, learning rate, base model... */
export const TrainingMetadata = z.record(recordKey, TrainingMetadataValue);
export type TrainingMetadata = z.infer<typeof TrainingMetadata>;

/**
 * The largest score magnitude accepted: far beyond any accuracy, perplexity, Elo or throughput,
 * and small enough that the difference of two scores is always a finite number.
 */
export const maxBenchmarkScore = 1e12;

export const BenchmarkScore = z
  .number()
  .min(-maxBenchmarkScore, { error: `must be a number from -${maxBenchmarkScore} to ${maxBenchmarkScore}` })
  .max(maxBenchmarkScore, { error: `must be a number from -${maxBenchmarkScore} to ${maxBenchmarkScore}` });

/** Benchmark name to score. Non-finite and huge numbers are refused: two scores must be comparable. */
export const Benchmarks = z.record(recordKey, BenchmarkScore);
export type Benchmarks = z.infer<typeof Benchmarks>;

/** The version this one was derived from, possibly of another model entry (lineage). */
export const VersionParent = z.strictObject({
  modelId: ModelEntryId,
  versionId: ModelVersionId,
});
export type VersionParent = z.infer<typeof VersionParent>;

export const ModelVersion = z
  .strictObject({
    id: ModelVersionId,
    modelId: ModelEntryId,
    version: VersionLabel,
    /** SHA-256 of the artifact, so anyone can check that what they run is what was registered. */
    checksum: Sha256Hex,
    trainingMetadata: TrainingMetadata,
    /** A private reference where the reader may not see the parent's model. */
    parent: z.union([VersionParent, PrivateReference]).nullable(),
    benchmarks: Benchmarks,
    createdAt: Timestamp,
  })
  .refine((version) => version.parent === null || !('versionId' in version.parent) || version.parent.versionId !== version.id, {
    path: ['parent', 'versionId'],
    error: 'must not be the version itself',
  });
export type ModelVersion = z.infer<typeof ModelVersion>;

/** POST /model-registry/{id}/versions. */
export const ModelVersionCreate = z.strictObject({
  version: VersionLabel,
  checksum: Sha256Hex,
  trainingMetadata: TrainingMetadata.default(() => ({})),
  parent: VersionParent.nullable().default(null),
  benchmarks: Benchmarks.default(() => ({})),
});
export type ModelVersionCreate = z.infer<typeof ModelVersionCreate>;
