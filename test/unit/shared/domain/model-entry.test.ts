import { describe, expect, it } from 'vitest';
import {
  ModelBadges,
  ModelEntry,
  ModelEntryCreate,
  ModelEntryUpdate,
  ModelProvider,
  ModelRollback,
  ProviderBaseUrl,
} from '../../../../shared/domain/model-entry';
import { created, expectUnknownFieldRefused, id, invalid, later, valid } from './fixtures';

const provider = { baseUrl: 'http://localhost:11434/v1', model: 'llama3.1:8b' };

const entry = {
  id: id('mdl'),
  orgId: id('org'),
  ownerId: id('usr'),
  name: 'Llama 3.1 8B',
  description: 'Local default',
  provider,
  badges: ['verified', 'quantized'],
  parameters: { temperature: 0.7, maxTokens: 1024, contextLength: 8192 },
  visibility: { level: 'workgroup', workgroupId: id('wg') },
  currentVersionId: id('mver'),
  createdAt: created,
  updatedAt: later,
};

describe('ProviderBaseUrl', () => {
  it.each(['http://localhost:11434/v1', 'https://api.openai.com/v1', 'http://10.0.0.5:8000', 'https://llm.example.com'])(
    'accepts %s',
    (url) => {
      expect(valid(ProviderBaseUrl, url)).toBe(url);
    },
  );

  it.each(['ftp://models.example.com', 'file:///models', 'javascript:alert(1)', 'localhost:11434', 'not a url'])(
    'refuses %s',
    (url) => {
      expect(invalid(ProviderBaseUrl, url)).toEqual({ field: '', message: 'must be an http or https URL' });
    },
  );

  it('refuses credentials in the URL', () => {
    expect(invalid(ProviderBaseUrl, 'https://user:secret@llm.example.com/v1')).toEqual({
      field: '',
      message: 'must not contain a user name or password',
    });
  });

  it('allows an @ after the host', () => {
    expect(valid(ProviderBaseUrl, 'https://llm.example.com/v1/@team')).toBe('https://llm.example.com/v1/@team');
  });
});

describe('ModelProvider', () => {
  it('parses a provider', () => {
    expect(valid(ModelProvider, provider)).toEqual(provider);
  });

  it('refuses an empty model name', () => {
    expect(invalid(ModelProvider, { ...provider, model: ' ' })).toEqual({ field: 'model', message: 'must not be empty' });
  });

  it('refuses an API key field: secrets stay on the user machine', () => {
    expect(invalid(ModelProvider, { ...provider, apiKey: 'sk-123' })).toEqual({
      field: 'apiKey',
      message: 'unknown field',
    });
  });
});

describe('ModelBadges', () => {
  it('accepts any subset of the badges', () => {
    expect(valid(ModelBadges, ['fine-tuned', 'experimental'])).toEqual(['fine-tuned', 'experimental']);
    expect(valid(ModelBadges, [])).toEqual([]);
  });

  it('refuses a repeated badge', () => {
    expect(invalid(ModelBadges, ['verified', 'quantized', 'verified'])).toEqual({
      field: '2',
      message: 'must not repeat "verified"',
    });
  });

  it('refuses an unknown badge and lists the badges', () => {
    expect(invalid(ModelBadges, ['official'])).toEqual({
      field: '0',
      message: 'must be one of: verified, experimental, fine-tuned, quantized',
    });
  });
});

describe('ModelEntry', () => {
  it('parses a valid entry', () => {
    expect(valid(ModelEntry, entry)).toEqual(entry);
  });

  it('parses an entry without versions yet', () => {
    expect(valid(ModelEntry, { ...entry, currentVersionId: null }).currentVersionId).toBeNull();
  });

  it('refuses unknown fields, at the top, in the provider and in the visibility', () => {
    expectUnknownFieldRefused(ModelEntry, entry);
    expectUnknownFieldRefused(ModelEntry, entry, ['provider']);
    expectUnknownFieldRefused(ModelEntry, entry, ['visibility']);
  });

  it('requires the scope of a project visibility', () => {
    expect(invalid(ModelEntry, { ...entry, visibility: { level: 'project' } })).toEqual({
      field: 'visibility.projectId',
      message: 'is required',
    });
  });

  it('requires the scope of a workgroup visibility', () => {
    expect(invalid(ModelEntry, { ...entry, visibility: { level: 'workgroup' } })).toEqual({
      field: 'visibility.workgroupId',
      message: 'is required',
    });
  });

  it('refuses a scope on a public visibility', () => {
    expect(invalid(ModelEntry, { ...entry, visibility: { level: 'public', projectId: id('prj') } })).toEqual({
      field: 'visibility.projectId',
      message: 'unknown field',
    });
  });

  it('refuses an unknown visibility level', () => {
    expect(invalid(ModelEntry, { ...entry, visibility: { level: 'team' } })).toEqual({
      field: 'visibility.level',
      message: 'must be one of: private, project, workgroup, public',
    });
  });
});

describe('ModelEntryCreate', () => {
  it('defaults to a private entry without badges', () => {
    expect(valid(ModelEntryCreate, { name: 'Llama', provider })).toEqual({
      name: 'Llama',
      description: '',
      provider,
      badges: [],
      parameters: { temperature: null, maxTokens: null, contextLength: null },
      visibility: { level: 'private' },
    });
  });

  it('refuses unknown fields', () => {
    expectUnknownFieldRefused(ModelEntryCreate, { name: 'Llama', provider });
  });

  it('refuses an owner, which is the caller', () => {
    expect(invalid(ModelEntryCreate, { name: 'Llama', provider, ownerId: id('usr') }).field).toBe('ownerId');
  });
});

describe('ModelEntryUpdate', () => {
  const update = { name: 'Llama', description: '', provider, badges: ['verified'] };

  it('parses a full update', () => {
    expect(valid(ModelEntryUpdate, update)).toEqual(update);
  });

  it('refuses a visibility change, which has its own endpoint', () => {
    expect(invalid(ModelEntryUpdate, { ...update, visibility: { level: 'public' } })).toEqual({
      field: 'visibility',
      message: 'unknown field',
    });
  });

  it('refuses unknown fields', () => {
    expectUnknownFieldRefused(ModelEntryUpdate, update);
  });
});

describe('ModelRollback', () => {
  it('parses a version id', () => {
    expect(valid(ModelRollback, { versionId: id('mver') })).toEqual({ versionId: id('mver') });
  });

  it('refuses a model id in place of a version id', () => {
    expect(invalid(ModelRollback, { versionId: id('mdl') }).field).toBe('versionId');
  });

  it('refuses unknown fields', () => {
    expectUnknownFieldRefused(ModelRollback, { versionId: id('mver') });
  });
});
