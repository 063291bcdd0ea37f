import { describe, expect, it } from 'vitest';
import { AgentProjectStats, AgentStats } from '../../../../shared/domain/agent-stats';
import { expectUnknownFieldRefused, id, invalid, valid } from './fixtures';

const perProject = {
  projectId: id('prj'),
  invocations: 40,
  ratingCount: 10,
  averageRating: 4.2,
  toolCalls: { web_search: 31, read_file: 4 },
  errorRate: 0.025,
};

const stats = {
  agentId: id('agt'),
  invocations: 50,
  ratingCount: 12,
  averageRating: 4.1,
  toolCalls: { web_search: 35, read_file: 4 },
  errorRate: 0.04,
  perProject: [perProject, { ...perProject, projectId: id('prj', 2), invocations: 10, ratingCount: 0, averageRating: null }],
};

describe('AgentStats', () => {
  it('parses valid stats', () => {
    expect(valid(AgentStats, stats)).toEqual(stats);
  });

  it('parses an agent never used', () => {
    const unused = { agentId: id('agt'), invocations: 0, ratingCount: 0, averageRating: null, toolCalls: {}, errorRate: 0, perProject: [] };
    expect(valid(AgentStats, unused)).toEqual(unused);
  });

  it('refuses unknown fields, at the top and per project', () => {
    expectUnknownFieldRefused(AgentStats, stats);
    expectUnknownFieldRefused(AgentStats, stats, ['perProject', '0']);
  });

  it.each([-0.1, 1.5])('refuses error rate %s', (errorRate) => {
    expect(invalid(AgentStats, { ...stats, errorRate }).field).toBe('errorRate');
  });

  it.each([0, 5.5])('refuses average rating %s', (averageRating) => {
    expect(invalid(AgentStats, { ...stats, averageRating }).field).toBe('averageRating');
  });

  it('refuses an average without ratings', () => {
    expect(invalid(AgentStats, { ...stats, ratingCount: 0 })).toEqual({
      field: 'averageRating',
      message: 'must be null exactly when ratingCount is 0',
    });
  });

  it('refuses no average despite ratings, per project too', () => {
    expect(invalid(AgentProjectStats, { ...perProject, averageRating: null }).field).toBe('averageRating');
  });

  it('refuses fractional and negative counts', () => {
    expect(invalid(AgentStats, { ...stats, invocations: 1.5 })).toEqual({
      field: 'invocations',
      message: 'must be an integer',
    });
    expect(invalid(AgentStats, { ...stats, toolCalls: { web_search: -1 } })).toEqual({
      field: 'toolCalls.web_search',
      message: 'must be at least 0',
    });
  });
});
