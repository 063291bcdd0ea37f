import { describe, expect, it } from 'vitest';
import {
  Workgroup,
  WorkgroupCreate,
  WorkgroupSettings,
  WorkgroupUpdate,
  emptyWorkgroupSettings,
} from '../../../../shared/domain/workgroup';
import { created, expectUnknownFieldRefused, id, invalid, later, valid } from './fixtures';

const settings = {
  modelPool: [id('mdl', 1), id('mdl', 2)],
  toolAllowlist: ['web_search', 'read-file'],
  systemPrompt: 'Answer in English.',
  knowledgeBaseIds: [id('kb')],
  agentIds: [id('agt')],
};

const workgroup = {
  id: id('wg'),
  orgId: id('org'),
  name: 'Platform',
  description: 'Infrastructure projects',
  settings,
  createdAt: created,
  updatedAt: later,
};

describe('WorkgroupSettings', () => {
  it('parses full settings', () => {
    expect(valid(WorkgroupSettings, settings)).toEqual(settings);
  });

  it('parses settings that restrict nothing', () => {
    expect(valid(WorkgroupSettings, emptyWorkgroupSettings())).toEqual({
      modelPool: null,
      toolAllowlist: null,
      systemPrompt: null,
      knowledgeBaseIds: [],
      agentIds: [],
    });
  });

  it('keeps an empty tool allowlist, which allows no tools', () => {
    expect(valid(WorkgroupSettings, { ...settings, toolAllowlist: [] }).toolAllowlist).toEqual([]);
  });

  it('refuses an empty model pool and points to null', () => {
    expect(invalid(WorkgroupSettings, { ...settings, modelPool: [] })).toEqual({
      field: 'modelPool',
      message: 'must list at least one model; use null for no restriction',
    });
  });

  it('refuses a repeated tool', () => {
    expect(invalid(WorkgroupSettings, { ...settings, toolAllowlist: ['a', 'b', 'a'] })).toEqual({
      field: 'toolAllowlist.2',
      message: 'must not repeat "a"',
    });
  });

  it('refuses a tool name with spaces', () => {
    expect(invalid(WorkgroupSettings, { ...settings, toolAllowlist: ['web search'] })).toEqual({
      field: 'toolAllowlist.0',
      message: 'must be 1 to 64 characters of letters, digits, underscores or hyphens',
    });
  });

  it('refuses an agent id in the model pool', () => {
    expect(invalid(WorkgroupSettings, { ...settings, modelPool: [id('agt')] }).field).toBe('modelPool.0');
  });

  it('refuses unknown fields', () => {
    expectUnknownFieldRefused(WorkgroupSettings, settings);
  });
});

describe('Workgroup', () => {
  it('parses a valid workgroup', () => {
    expect(valid(Workgroup, workgroup)).toEqual(workgroup);
  });

  it('refuses unknown fields, at the top and in the settings', () => {
    expectUnknownFieldRefused(Workgroup, workgroup);
    expectUnknownFieldRefused(Workgroup, workgroup, ['settings']);
  });
});

describe('WorkgroupCreate', () => {
  it('fills in an empty description and unrestricted settings', () => {
    expect(valid(WorkgroupCreate, { name: 'Research' })).toEqual({
      name: 'Research',
      description: '',
      settings: emptyWorkgroupSettings(),
    });
  });

  it('does not share the default settings between inputs', () => {
    const first = valid(WorkgroupCreate, { name: 'A' });
    first.settings.knowledgeBaseIds.push(id('kb'));
    expect(valid(WorkgroupCreate, { name: 'B' }).settings.knowledgeBaseIds).toEqual([]);
  });

  it('refuses unknown fields', () => {
    expectUnknownFieldRefused(WorkgroupCreate, { name: 'Research' });
  });

  it('refuses an id, which the server assigns', () => {
    expect(invalid(WorkgroupCreate, { name: 'Research', id: id('wg') })).toEqual({
      field: 'id',
      message: 'unknown field',
    });
  });
});

describe('WorkgroupUpdate', () => {
  const update = { name: 'Platform', description: '', settings };

  it('parses a full update', () => {
    expect(valid(WorkgroupUpdate, update)).toEqual(update);
  });

  it('requires the settings', () => {
    expect(invalid(WorkgroupUpdate, { name: 'Platform', description: '' })).toEqual({
      field: 'settings',
      message: 'is required',
    });
  });

  it('refuses unknown fields', () => {
    expectUnknownFieldRefused(WorkgroupUpdate, update);
  });
});
