import { describe, expect, it } from 'vitest';
import { checkKnowledgePath, knowledgePathKey } from '../../../../shared/policy/knowledge-paths';

describe('checkKnowledgePath', () => {
  const existing = ['teams/platform/guide.md', 'handbook.md', 'Café/menu.txt'];

  it('takes a path no other document is at, beside others in the same folder', () => {
    expect(checkKnowledgePath('teams/platform/runbook.md', existing)).toEqual({ ok: true });
    expect(checkKnowledgePath('teams/data/guide.md', existing)).toEqual({ ok: true });
    expect(checkKnowledgePath('anything.md', [])).toEqual({ ok: true });
  });

  it('refuses a path another document is at, in any spelling of case or composition', () => {
    for (const path of ['handbook.md', 'HANDBOOK.md', 'Teams/Platform/Guide.md', 'cafe\u0301/MENU.txt']) {
      expect(checkKnowledgePath(path, existing), path).toMatchObject({ ok: false, code: 'conflict' });
    }
    expect(checkKnowledgePath('Handbook.MD', existing)).toEqual({ ok: false, code: 'conflict', reason: 'The knowledge base already has a document at handbook.md' });
  });

  it('refuses a document where another one needs a folder, and a folder through another document', () => {
    expect(checkKnowledgePath('teams/platform', existing)).toMatchObject({ ok: false, code: 'conflict' });
    expect(checkKnowledgePath('handbook.md/intro.md', existing)).toEqual({
      ok: false,
      code: 'conflict',
      reason: "handbook.md/intro.md and handbook.md cannot both exist: one would be the other's folder",
    });
  });

  it('does not mistake a shared prefix for a folder', () => {
    expect(checkKnowledgePath('teams/platform-old.md', existing)).toEqual({ ok: true });
    expect(checkKnowledgePath('handbook.md.txt', existing)).toEqual({ ok: true });
  });
});

describe('knowledgePathKey', () => {
  it('folds case and composes accents', () => {
    expect(knowledgePathKey('Cafe\u0301/Guide.MD')).toBe('caf\u00e9/guide.md');
  });
});
