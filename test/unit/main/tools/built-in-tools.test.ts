import { describe, expect, it } from 'vitest';
import { builtInToolNames } from '../../../../shared/domain/built-in-tools';
import { createBuiltInTools } from '../../../../main/tools/built-in-tools';
import { calculatorTool } from '../../../../main/tools/calculator-tool';
import { createCurrentTimeTool } from '../../../../main/tools/current-time-tool';
import type { ConversationSearchQuery } from '../../../../main/tools/search-conversations-tool';
import { createSearchConversationsTool } from '../../../../main/tools/search-conversations-tool';
import type { KnowledgeToolQuery } from '../../../../main/tools/search-knowledge-tool';
import { createSearchKnowledgeTool } from '../../../../main/tools/search-knowledge-tool';
import { isValidTimeZone } from '../../../../main/tools/time-zone';
import { ToolArgumentsError } from '../../../../main/tools/tool';
import type { ToolContext } from '../../../../main/tools/tool';

const context: ToolContext = {
  projectId: 'project-alpha',
  conversationId: 'conversation-1',
  knowledgeBaseIds: ['kb-platform', 'kb-org'],
  signal: new AbortController().signal,
};

describe('the built-in tools', () => {
  it('are the four the app ships, each with an object JSON schema for its parameters', () => {
    const tools = createBuiltInTools({ searchConversations: async () => [], searchKnowledge: async () => [] });
    expect(tools.map((tool) => tool.name)).toEqual(['search_conversations', 'search_knowledge', 'calculator', 'current_time']);
    // The forms offer the tools by the shared list: it names exactly these.
    expect([...builtInToolNames].sort()).toEqual(tools.map((tool) => tool.name).sort());
    for (const tool of tools) {
      expect(tool.description.length).toBeGreaterThan(10);
      expect(tool.parameters).toMatchObject({ type: 'object' });
      expect(tool.parameters).not.toHaveProperty('$schema');
    }
    expect(calculatorTool.parameters).toEqual({
      type: 'object',
      properties: { expression: { type: 'string', minLength: 1, maxLength: 1000, description: 'The expression, for example "(12.5 + 7) * 3 ^ 2"' } },
      required: ['expression'],
    });
  });

  it('calculator answers with the result, and throws for garbage or bad arguments', async () => {
    expect(JSON.parse(await calculatorTool.run({ expression: '(1 + 2) * 3 ^ 2' }, context))).toEqual({ expression: '(1 + 2) * 3 ^ 2', result: '27' });
    await expect(calculatorTool.run({ expression: '1 / 0' }, context)).rejects.toThrow('division by zero');
    await expect(calculatorTool.run({ expression: 'alert(1)' }, context)).rejects.toThrow('unexpected "a" at position 1');
    await expect(calculatorTool.run({ expr: '1' }, context)).rejects.toThrow(ToolArgumentsError);
    await expect(calculatorTool.run({ expression: 12 }, context)).rejects.toThrow(/^Invalid arguments for calculator: expression: /);
    await expect(calculatorTool.run(null, context)).rejects.toThrow(ToolArgumentsError);
  });

  it('current_time answers in UTC and in a valid IANA time zone', async () => {
    const tool = createCurrentTimeTool(() => new Date('2025-07-01T12:34:56.789Z'));
    expect(JSON.parse(await tool.run({}, context))).toEqual({ utc: '2025-07-01T12:34:56.789Z' });
    expect(JSON.parse(await tool.run({ time_zone: 'Europe/Paris' }, context))).toEqual({
      utc: '2025-07-01T12:34:56.789Z',
      timeZone: 'Europe/Paris',
      local: '2025-07-01T14:34:56+02:00',
    });
    expect(JSON.parse(await tool.run({ time_zone: 'Asia/Kolkata' }, context))).toMatchObject({ local: '2025-07-01T18:04:56+05:30' });
    expect(JSON.parse(await tool.run({ time_zone: 'America/St_Johns' }, context))).toMatchObject({ local: '2025-07-01T10:04:56-02:30' });
    expect(JSON.parse(await tool.run({ time_zone: 'UTC' }, context))).toMatchObject({ local: '2025-07-01T12:34:56+00:00' });
    const midnight = createCurrentTimeTool(() => new Date('2025-01-01T00:00:00Z'));
    expect(JSON.parse(await midnight.run({ time_zone: 'Europe/London' }, context))).toMatchObject({ local: '2025-01-01T00:00:00+00:00' });
  });

  it('current_time refuses a time zone Intl does not know', async () => {
    const tool = createCurrentTimeTool();
    for (const zone of ['Mars/Olympus_Mons', 'Europe/Pariss', '', '+25:00', 'Europe/../../etc/passwd']) {
      expect(isValidTimeZone(zone)).toBe(false);
      await expect(tool.run({ time_zone: zone }, context)).rejects.toThrow(/time_zone: must be an IANA time zone name/);
    }
    expect(isValidTimeZone('America/New_York')).toBe(true);
  });

  it('search_conversations asks the injected search within the run’s project', async () => {
    const queries: ConversationSearchQuery[] = [];
    const tool = createSearchConversationsTool(async (query) => {
      queries.push(query);
      return [{ conversationId: 'c1', conversationTitle: 'Deploys', messageId: 'm1', snippet: 'roll back the deploy' }];
    });
    const answer = JSON.parse(await tool.run({ query: '  rollback  ' }, context));
    expect(queries).toEqual([{ projectId: 'project-alpha', text: 'rollback', limit: 5, signal: context.signal }]);
    expect(answer).toEqual({ results: [{ conversation: 'Deploys', conversationId: 'c1', messageId: 'm1', excerpt: 'roll back the deploy' }] });
    await tool.run({ query: 'x', limit: 20 }, context);
    expect(queries[1]?.limit).toBe(20);
    await expect(tool.run({ query: 'x', limit: 21 }, context)).rejects.toThrow(ToolArgumentsError);
    await expect(tool.run({ query: '   ' }, context)).rejects.toThrow(ToolArgumentsError);
  });

  it('search_knowledge searches only the bound knowledge bases and returns passages with what a citation needs', async () => {
    const queries: KnowledgeToolQuery[] = [];
    const tool = createSearchKnowledgeTool(async (query) => {
      queries.push(query);
      return [{ knowledgeBaseId: 'kb-platform', documentId: 'd1', path: 'teams/platform/deploys.md', text: 'Deploys happen on Tuesdays.' }];
    });
    expect(JSON.parse(await tool.run({ query: 'deploy day', limit: 3 }, context))).toEqual({
      results: [{ path: 'teams/platform/deploys.md', text: 'Deploys happen on Tuesdays.', knowledgeBaseId: 'kb-platform', documentId: 'd1' }],
    });
    expect(queries).toEqual([{ knowledgeBaseIds: ['kb-platform', 'kb-org'], text: 'deploy day', limit: 3, signal: context.signal }]);
    const unbound = JSON.parse(await tool.run({ query: 'deploy' }, { ...context, knowledgeBaseIds: [] }));
    expect(unbound.results).toEqual([]);
    expect(queries).toHaveLength(1);
  });
});
