import { describe, expect, it } from 'vitest';
import { ProjectConfig, ProjectConfigUpdate } from '../../../../shared/domain/project-config';
import { expectUnknownFieldRefused, id, invalid, valid } from './fixtures';

const config = {
  systemPromptOverride: 'Cite sources.',
  modelLock: [id('mdl', 1), id('mdl', 2)],
  toolAllowlist: ['web_search'],
  knowledgeBaseIds: [id('kb')],
  defaultModelId: id('mdl', 2),
};

const unset = {
  systemPromptOverride: null,
  modelLock: null,
  toolAllowlist: null,
  knowledgeBaseIds: [],
  defaultModelId: null,
};

describe('ProjectConfig', () => {
  it('parses a full configuration', () => {
    expect(valid(ProjectConfig, config)).toEqual(config);
  });

  it('parses a configuration that sets nothing', () => {
    expect(valid(ProjectConfig, unset)).toEqual(unset);
  });

  it('refuses unknown fields', () => {
    expectUnknownFieldRefused(ProjectConfig, config);
  });

  it('refuses an empty model lock and points to null', () => {
    expect(invalid(ProjectConfig, { ...config, modelLock: [], defaultModelId: null })).toEqual({
      field: 'modelLock',
      message: 'must list at least one model; use null to remove the lock',
    });
  });

  it('refuses a default model outside the lock', () => {
    expect(invalid(ProjectConfig, { ...config, defaultModelId: id('mdl', 3) })).toEqual({
      field: 'defaultModelId',
      message: 'must be one of the models in modelLock',
    });
  });

  it('takes any default model when nothing is locked', () => {
    expect(valid(ProjectConfig, { ...config, modelLock: null, defaultModelId: id('mdl', 3) }).defaultModelId).toBe(
      id('mdl', 3),
    );
  });

  it('refuses a repeated knowledge base', () => {
    expect(invalid(ProjectConfig, { ...config, knowledgeBaseIds: [id('kb'), id('kb')] }).field).toBe(
      'knowledgeBaseIds.1',
    );
  });

  it('requires every field', () => {
    const { toolAllowlist: _, ...withoutAllowlist } = config;
    expect(invalid(ProjectConfig, withoutAllowlist)).toEqual({ field: 'toolAllowlist', message: 'is required' });
  });
});

describe('ProjectConfigUpdate', () => {
  it('is the full configuration', () => {
    expect(valid(ProjectConfigUpdate, config)).toEqual(config);
    expectUnknownFieldRefused(ProjectConfigUpdate, config);
  });
});
