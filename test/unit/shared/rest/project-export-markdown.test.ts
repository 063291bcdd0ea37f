import { describe, expect, it } from 'vitest';
import type { Message } from '../../../../shared/domain/message';
import type { ProjectExport } from '../../../../shared/rest/project-export';
import { projectExportMarkdown } from '../../../../shared/rest/project-export-markdown';

const ann = 'usr_annaaaaaaaaaaaaaaaa';
const bob = 'usr_bobbbbbbbbbbbbbbbbb';
const agent = 'agt_agentagentagentage';
const model = 'mdl_modelmodelmodelmod';
const unnamedModel = 'mdl_unnamedunnamedunna';
const shared = 'cnv_sharedsharedshared';
const personal = 'cnv_personalpersonalpe';

function message(overrides: Partial<Message> & Pick<Message, 'id' | 'conversationId' | 'content'>): Message {
  return {
    author: { kind: 'user', userId: ann },
    createdAt: '2025-01-31T09:30:00.000Z',
    editedAt: null,
    toolCalls: [],
    ratings: {},
    status: 'complete',
    ...overrides,
  };
}

const exported: ProjectExport = {
  format: 'quorum.project-export',
  version: 1,
  exportedAt: '2025-02-01T10:00:00.000Z',
  exportedBy: bob,
  project: {
    id: 'prj_alphaalphaalphaalph',
    orgId: 'org_acmeacmeacmeacmeac',
    name: 'Alpha *launch*',
    canonicalName: 'alpha',
    description: '',
    metadata: {},
    defaultModelId: null,
    isDefault: false,
    primaryWorkgroupId: null,
    sharedWorkgroupIds: [],
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
  },
  members: [],
  config: {
    config: { systemPromptOverride: null, modelLock: [model], toolAllowlist: [], knowledgeBaseIds: [], defaultModelId: null },
    effective: {
      models: { value: [model], sources: [{ kind: 'project' }], excluded: [] },
      tools: { value: [], sources: [{ kind: 'project' }], excluded: [] },
      systemPrompt: { value: 'Be brief.\nCite sources.', source: { kind: 'project' }, shadowed: [] },
      knowledgeBases: [],
      defaultModel: { value: model, source: { kind: 'default' }, notAllowed: null },
    },
    workgroups: [],
  },
  conversations: [
    { id: shared, projectId: 'prj_alphaalphaalphaalph', title: 'Plans # 1', kind: 'shared', createdBy: ann, createdAt: '2025-01-31T09:00:00.000Z' },
    { id: personal, projectId: 'prj_alphaalphaalphaalph', title: '', kind: 'personal', createdBy: bob, createdAt: '2025-01-31T09:05:00.000Z' },
  ],
  messages: [
    message({ id: 'msg_one000000000000000', conversationId: shared, content: '# Heading inside\n\n- a list' }),
    message({
      id: 'msg_two000000000000000',
      conversationId: shared,
      content: 'The answer.',
      author: { kind: 'agent', agentId: agent, modelId: unnamedModel, runBy: ann },
      status: 'error',
      toolCalls: [
        { id: 'c1', name: 'search', arguments: '{}', result: 'x', error: null },
        { id: 'c2', name: 'search', arguments: '{}', result: 'y', error: null },
      ],
      ratings: { [ann]: 4, [bob]: 5 },
    }),
  ],
  names: { users: { [ann]: 'Ann_Lee', [bob]: 'Bob' }, agents: { [agent]: 'Helper' }, models: { [model]: 'Llama' } },
};

describe('projectExportMarkdown', () => {
  const markdown = projectExportMarkdown(exported);

  it('titles the document with the project, escaping Markdown in names', () => {
    expect(markdown.startsWith('# Alpha \\*launch\\*\n\nExported 2025-02-01 10:00 UTC by Bob. Canonical name: `alpha`.\n')).toBe(true);
    expect(markdown.endsWith('\n')).toBe(true);
  });

  it('lists the effective settings and quotes the system prompt', () => {
    expect(markdown).toContain(`- Models: Llama\n- Tools: none allowed\n- Knowledge bases: none\n- System prompt:\n\n> Be brief.\n> Cite sources.\n`);
  });

  it('writes each conversation with its messages quoted, so their own Markdown stays inside them', () => {
    expect(markdown).toContain('### Plans \\# 1\n\n_Shared conversation started by Ann\\_Lee on 2025-01-31 09:00 UTC_\n');
    expect(markdown).toContain('**Ann\\_Lee** · 2025-01-31 09:30 UTC\n\n> # Heading inside\n>\n> - a list\n');
  });

  it('names the agent, its model (an entry the exporter cannot see, never its id) and who ran it, with the outcome, tool calls and ratings', () => {
    expect(markdown).toContain(
      `**Helper** · model _an entry you cannot see_ · run by Ann\\_Lee · 2025-01-31 09:30 UTC · _error_\n\n> The answer.\n\n- Tool calls: \`search\` ×2\n- Rated 4.5 of 5 by 2 people\n`,
    );
  });

  it('shows no id a person would read', () => {
    expect(markdown).not.toMatch(/\b(mdl|usr|agt|kb|prj|wg)_[A-Za-z0-9]/);
  });

  it('says when a conversation is untitled, personal or empty', () => {
    expect(markdown).toContain('### Untitled conversation\n\n_Personal conversation started by Bob on 2025-01-31 09:05 UTC_\n\n_No messages._\n');
  });
});
