import { describe, expect, it } from 'vitest';
import {
  Benchmarks,
  ModelVersion,
  ModelVersionCreate,
  TrainingMetadata,
  VersionLabel,
} from '../../../../shared/domain/model-version';
import { created, expectUnknownFieldRefused, id, invalid, sha, valid } from './fixtures';

const version = {
  id: id('mver', 2),
  modelId: id('mdl'),
  version: '1.1.0',
  checksum: sha('a'),
  trainingMetadata: { dataset: 'support-tickets-2025', epochs: 3, lora: true },
  parent: { modelId: id('mdl'), versionId: id('mver', 1) },
  benchmarks: { mmlu: 0.71, 'humaneval@1': 0.42 },
  createdAt: created,
};

describe('VersionLabel', () => {
  it.each(['1', '1.2.0', 'v2', '2025-06-ft', '1.0.0+build.7', 'Q4_K_M'])('accepts %s', (label) => {
    expect(valid(VersionLabel, label)).toBe(label);
  });

  it.each(['', ' 1.0', '1.0 beta', '.hidden', '-1', 'x'.repeat(65)])('refuses %j', (label) => {
    expect(VersionLabel.safeParse(label).success).toBe(false);
  });
});

describe('ModelVersion', () => {
  it('parses a valid version', () => {
    expect(valid(ModelVersion, version)).toEqual(version);
  });

  it('parses a first version without a parent', () => {
    expect(valid(ModelVersion, { ...version, parent: null }).parent).toBeNull();
  });

  it('takes a parent from another model entry', () => {
    const parent = { modelId: id('mdl', 9), versionId: id('mver', 9) };
    expect(valid(ModelVersion, { ...version, parent }).parent).toEqual(parent);
  });

  it('refuses unknown fields, at the top and in the parent', () => {
    expectUnknownFieldRefused(ModelVersion, version);
    expectUnknownFieldRefused(ModelVersion, version, ['parent']);
  });

  it('refuses an uppercase checksum', () => {
    expect(invalid(ModelVersion, { ...version, checksum: sha('A') })).toEqual({
      field: 'checksum',
      message: 'must be 64 lowercase hex characters (a SHA-256 digest)',
    });
  });

  it('refuses a checksum of the wrong length', () => {
    expect(invalid(ModelVersion, { ...version, checksum: 'a'.repeat(40) }).field).toBe('checksum');
  });

  it('refuses a version that is its own parent', () => {
    expect(invalid(ModelVersion, { ...version, parent: { modelId: id('mdl'), versionId: version.id } })).toEqual({
      field: 'parent.versionId',
      message: 'must not be the version itself',
    });
  });
});

describe('Benchmarks', () => {
  it('takes finite scores, negative ones included', () => {
    expect(valid(Benchmarks, { perplexity: 5.2, delta: -0.5 })).toEqual({ perplexity: 5.2, delta: -0.5 });
  });

  it.each([Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN])('refuses %s', (score) => {
    expect(invalid(Benchmarks, { mmlu: score }).field).toBe('mmlu');
  });

  it('refuses a score given as text', () => {
    expect(invalid(Benchmarks, { mmlu: '0.7' })).toEqual({ field: 'mmlu', message: 'must be a number' });
  });

  it('refuses a name with surrounding spaces', () => {
    expect(invalid(Benchmarks, { ' mmlu': 0.7 })).toEqual({
      field: ' mmlu',
      message: 'has an invalid key: must have no leading or trailing spaces and no control characters',
    });
  });
});

describe('TrainingMetadata', () => {
  it('refuses nested objects', () => {
    expect(invalid(TrainingMetadata, { optimizer: { name: 'adam' } })).toEqual({
      field: 'optimizer',
      message: 'must be a string (at most 4000 characters), a finite number or a boolean',
    });
  });
});

describe('ModelVersionCreate', () => {
  it('needs a label and a checksum', () => {
    expect(valid(ModelVersionCreate, { version: '1.0', checksum: sha('b') })).toEqual({
      version: '1.0',
      checksum: sha('b'),
      trainingMetadata: {},
      parent: null,
      benchmarks: {},
    });
  });

  it('requires the checksum', () => {
    expect(invalid(ModelVersionCreate, { version: '1.0' })).toEqual({ field: 'checksum', message: 'is required' });
  });

  it('refuses unknown fields', () => {
    expectUnknownFieldRefused(ModelVersionCreate, { version: '1.0', checksum: sha('b') });
  });
});
