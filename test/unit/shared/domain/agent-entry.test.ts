import { describe, expect, it } from 'vitest';
import {
  AgentEntry,
  AgentEntryCreate,
  AgentEntryUpdate,
  AgentFork,
} from '../../../../shared/domain/agent-entry';
import { created, expectUnknownFieldRefused, id, invalid, later, valid } from './fixtures';

const agent = {
  id: id('agt', 1),
  orgId: id('org'),
  ownerId: id('usr'),
  projectId: null,
  name: 'Release notes writer',
  description: 'Drafts release notes from merged changes',
  systemPrompt: 'You write concise release notes.',
  tools: ['git_log', 'read-file'],
  examples: [{ input: 'Summarize v1.2', output: '## v1.2\n- Faster sync' }],
  modelId: id('mdl'),
  parameters: { temperature: 0.2, maxTokens: null, contextLength: null },
  visibility: { level: 'public' },
  status: 'active',
  version: 3,
  forkedFrom: null,
  isDefault: false,
  createdAt: created,
  updatedAt: later,
};

const fork = {
  ...agent,
  id: id('agt', 2),
  projectId: id('prj'),
  visibility: { level: 'project', projectId: id('prj') },
  version: 1,
  forkedFrom: { agentId: id('agt', 1), version: 3 },
};

describe('AgentEntry', () => {
  it('parses a registry entry and a fork', () => {
    expect(valid(AgentEntry, agent)).toEqual(agent);
    expect(valid(AgentEntry, fork)).toEqual(fork);
  });

  it('parses a retired agent', () => {
    expect(valid(AgentEntry, { ...agent, status: 'retired' }).status).toBe('retired');
  });

  it('refuses unknown fields, at the top, in examples and in the fork origin', () => {
    expectUnknownFieldRefused(AgentEntry, agent);
    expectUnknownFieldRefused(AgentEntry, agent, ['examples', '0']);
    expectUnknownFieldRefused(AgentEntry, fork, ['forkedFrom']);
  });

  it('refuses a fork outside a project', () => {
    expect(invalid(AgentEntry, { ...fork, projectId: null })).toEqual({
      field: 'projectId',
      message: 'is required for a fork',
    });
  });

  it('refuses a fork of itself', () => {
    expect(invalid(AgentEntry, { ...fork, forkedFrom: { agentId: fork.id, version: 1 } })).toEqual({
      field: 'forkedFrom.agentId',
      message: 'must not be the agent itself',
    });
  });

  it.each([0, -1, 1.5])('refuses version %s', (version) => {
    expect(invalid(AgentEntry, { ...agent, version }).field).toBe('version');
  });

  it('refuses a version 0 in the fork origin', () => {
    expect(invalid(AgentEntry, { ...fork, forkedFrom: { agentId: id('agt', 1), version: 0 } })).toEqual({
      field: 'forkedFrom.version',
      message: 'must be at least 1',
    });
  });

  it('refuses a repeated tool', () => {
    expect(invalid(AgentEntry, { ...agent, tools: ['git_log', 'git_log'] }).field).toBe('tools.1');
  });

  it('refuses an empty example output', () => {
    expect(invalid(AgentEntry, { ...agent, examples: [{ input: 'hi', output: '' }] })).toEqual({
      field: 'examples.0.output',
      message: 'must not be empty',
    });
  });

  it('refuses an unknown status', () => {
    expect(invalid(AgentEntry, { ...agent, status: 'deleted' })).toEqual({
      field: 'status',
      message: 'must be one of: active, retired',
    });
  });

  it('requires the scope of a workgroup visibility', () => {
    expect(invalid(AgentEntry, { ...agent, visibility: { level: 'workgroup' } }).field).toBe(
      'visibility.workgroupId',
    );
  });
});

describe('AgentEntryCreate', () => {
  it('needs a name and a system prompt', () => {
    expect(valid(AgentEntryCreate, { name: 'Helper', systemPrompt: 'Be brief.' })).toEqual({
      name: 'Helper',
      description: '',
      systemPrompt: 'Be brief.',
      tools: [],
      examples: [],
      modelId: null,
      parameters: { temperature: null, maxTokens: null, contextLength: null },
      visibility: { level: 'private' },
      projectId: null,
    });
  });

  it('refuses unknown fields', () => {
    expectUnknownFieldRefused(AgentEntryCreate, { name: 'Helper', systemPrompt: 'Be brief.' });
  });

  it('refuses a version, which the server keeps', () => {
    expect(invalid(AgentEntryCreate, { name: 'Helper', systemPrompt: '', version: 5 }).field).toBe('version');
  });

  it('refuses more than 20 examples', () => {
    const examples = Array.from({ length: 21 }, () => ({ input: 'a', output: 'b' }));
    expect(invalid(AgentEntryCreate, { name: 'Helper', systemPrompt: '', examples })).toEqual({
      field: 'examples',
      message: 'must have at most 20 items',
    });
  });
});

describe('AgentEntryUpdate', () => {
  const { id: _i, orgId: _o, ownerId: _w, projectId: _p, version: _v, forkedFrom: _f, isDefault: _d, createdAt: _c, updatedAt: _u, ...update } =
    agent;

  it('parses the full definition with a status', () => {
    expect(valid(AgentEntryUpdate, update)).toEqual(update);
    expect(valid(AgentEntryUpdate, { ...update, status: 'retired' }).status).toBe('retired');
  });

  it('requires the status', () => {
    const { status: _, ...withoutStatus } = update;
    expect(invalid(AgentEntryUpdate, withoutStatus)).toEqual({ field: 'status', message: 'is required' });
  });

  it('refuses unknown fields and server-set fields', () => {
    expectUnknownFieldRefused(AgentEntryUpdate, update);
    expect(invalid(AgentEntryUpdate, { ...update, forkedFrom: null }).field).toBe('forkedFrom');
  });
});

describe('AgentFork', () => {
  it('needs a target project and may rename', () => {
    expect(valid(AgentFork, { projectId: id('prj') })).toEqual({ projectId: id('prj') });
    expect(valid(AgentFork, { projectId: id('prj'), name: 'Our writer' }).name).toBe('Our writer');
  });

  it('requires the project', () => {
    expect(invalid(AgentFork, {})).toEqual({ field: 'projectId', message: 'is required' });
  });

  it('refuses unknown fields', () => {
    expectUnknownFieldRefused(AgentFork, { projectId: id('prj') });
  });
});
