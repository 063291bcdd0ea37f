import { describe, expect, it } from 'vitest';
import { KnowledgeBase, KnowledgeDocument } from '../../../../shared/domain/knowledge-base';
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

  it('refuses an organization as owner', () => {
    expect(invalid(KnowledgeBase, { ...knowledgeBase, owner: { kind: 'organization' } })).toEqual({
      field: 'owner.kind',
      message: 'must be one of: workgroup, project',
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
