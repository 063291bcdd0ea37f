import { describe, expect, it } from 'vitest';
import { KnowledgeBase, KnowledgeBaseCreate, KnowledgeDocument, KnowledgeDocumentWrite } from '../../../../shared/domain/knowledge-base';
import { created, expectUnknownFieldRefused, id, invalid, later, valid } from './fixtures';

const knowledgeBase = {
  id: id('kb'),
  orgId: id('org'),
  name: 'Platform handbook',
  description: '',
  owner: { kind: 'workgroup', workgroupId: id('wg') },
  createdAt: created,
  updatedAt: later,
};

const document = {
  id: id('kbd'),
  knowledgeBaseId: id('kb'),
  path: 'teams/platform/guide.md',
  content: '# Guide\n\nDeploy on Tuesdays.',
  createdAt: created,
  updatedAt: later,
};

describe('KnowledgeBase', () => {
  it('parses knowledge bases owned by a workgroup and by a project', () => {
    expect(valid(KnowledgeBase, knowledgeBase)).toEqual(knowledgeBase);
    const owner = { kind: 'project', projectId: id('prj') };
    expect(valid(KnowledgeBase, { ...knowledgeBase, owner }).owner).toEqual(owner);
  });

  it('refuses unknown fields, at the top and in the owner', () => {
    expectUnknownFieldRefused(KnowledgeBase, knowledgeBase);
    expectUnknownFieldRefused(KnowledgeBase, knowledgeBase, ['owner']);
  });

  it('requires the owner scope', () => {
    expect(invalid(KnowledgeBase, { ...knowledgeBase, owner: { kind: 'project' } })).toEqual({
      field: 'owner.projectId',
      message: 'is required',
    });
  });

  it('parses an organization-wide knowledge base, which names no scope', () => {
    expect(valid(KnowledgeBase, { ...knowledgeBase, owner: { kind: 'organization' } }).owner).toEqual({ kind: 'organization' });
    expect(invalid(KnowledgeBase, { ...knowledgeBase, owner: { kind: 'organization', workgroupId: id('wg') } })).toEqual({
      field: 'owner.workgroupId',
      message: 'unknown field',
    });
  });

  it('refuses an owner of any other kind', () => {
    expect(invalid(KnowledgeBase, { ...knowledgeBase, owner: { kind: 'user' } })).toEqual({
      field: 'owner.kind',
      message: 'must be one of: organization, workgroup, project',
    });
  });

  it('creates with an empty description by default', () => {
    expect(valid(KnowledgeBaseCreate, { name: 'Handbook', owner: { kind: 'organization' } })).toEqual({
      name: 'Handbook',
      description: '',
      owner: { kind: 'organization' },
    });
  });
});

describe('KnowledgeDocument', () => {
  it('parses a valid document', () => {
    expect(valid(KnowledgeDocument, document)).toEqual(document);
  });

  it('refuses unknown fields', () => {
    expectUnknownFieldRefused(KnowledgeDocument, document);
  });

  it('refuses path traversal and names the path', () => {
    expect(invalid(KnowledgeDocument, { ...document, path: 'teams/../../../etc/passwd' })).toEqual({
      field: 'path',
      message: 'must not contain . or .. segments',
    });
  });

  it('refuses an absolute path', () => {
    expect(invalid(KnowledgeDocument, { ...document, path: '/teams/guide.md' }).field).toBe('path');
  });
});

describe('KnowledgeDocumentWrite', () => {
  it('takes Markdown, text, PDF and Word files, in folders or not', () => {
    for (const path of ['guide.md', 'teams/platform/Runbook.MARKDOWN', 'notes/2025/q1.txt', 'café/menü.md', 'policies/Leave.PDF', 'hr/onboarding.docx']) {
      expect(valid(KnowledgeDocumentWrite, { path, content: '' }).path).toBe(path);
    }
  });

  it('refuses other kinds of file, and names without a name before the extension', () => {
    for (const path of ['teams/platform/diagram.png', 'guide', 'teams/platform/', '.md', 'teams/.txt', 'old.doc', 'sheet.xlsx']) {
      expect(invalid(KnowledgeDocumentWrite, { path, content: '' }).field, path).toBe('path');
    }
    expect(invalid(KnowledgeDocumentWrite, { path: 'guide.rtf', content: '' }).message).toBe(
      'must name a Markdown, text, PDF or Word file: a name ending in .md, .markdown, .txt, .pdf, .docx',
    );
  });

  it('keeps the path rules of every document path', () => {
    expect(invalid(KnowledgeDocumentWrite, { path: '../secrets.md', content: '' })).toEqual({ field: 'path', message: 'must not contain . or .. segments' });
  });

  it('limits the content to a million characters', () => {
    expect(valid(KnowledgeDocumentWrite, { path: 'a.md', content: 'x'.repeat(1_000_000) }).content).toHaveLength(1_000_000);
    expect(invalid(KnowledgeDocumentWrite, { path: 'a.md', content: 'x'.repeat(1_000_001) })).toEqual({
      field: 'content',
      message: 'must have at most 1000000 characters',
    });
  });
});
