import { describe, expect, it } from 'vitest';
import { answerCitations, toolPassages } from '../../../../main/agents/answer-citations';
import { searchKnowledgeToolName } from '../../../../main/tools/search-knowledge-tool';

const passage = (documentId: string, path: string, text = `Text of ${path}`) => ({ knowledgeBaseId: 'kb_aaaaaaaaaaaaaaaa', documentId, path, text });

describe('answerCitations', () => {
  it('keeps the passages the answer names in brackets, in the order it names them, one per document', () => {
    const offered = [passage('kbd_1', 'a.md'), passage('kbd_2', 'hr/b.pdf'), passage('kbd_1', 'a.md', 'a later passage'), passage('kbd_3', 'c.docx')];
    const cited = answerCitations('See [hr/b.pdf] and then [a.md], twice [a.md].', offered);
    expect(cited.map((c) => c.path)).toEqual(['hr/b.pdf', 'a.md']);
    expect(cited[1]?.snippet).toBe('Text of a.md');
  });

  it('cites nothing the answer does not name, even a path written without brackets', () => {
    expect(answerCitations('Nothing here about a.md.', [passage('kbd_1', 'a.md')])).toEqual([]);
  });

  it('shortens a long passage', () => {
    const [cited] = answerCitations('[long.md]', [passage('kbd_1', 'long.md', 'x'.repeat(5000))]);
    expect(cited?.snippet).toHaveLength(600);
    expect(cited?.snippet.endsWith('…')).toBe(true);
  });
});

describe('toolPassages', () => {
  it('reads the passages a knowledge search returned, and nothing from other tools or unreadable results', () => {
    const result = JSON.stringify({ results: [passage('kbd_1', 'a.md')] });
    expect(toolPassages(searchKnowledgeToolName, result)).toEqual([passage('kbd_1', 'a.md')]);
    expect(toolPassages('calculator', result)).toEqual([]);
    expect(toolPassages(searchKnowledgeToolName, 'not json')).toEqual([]);
    expect(toolPassages(searchKnowledgeToolName, JSON.stringify({ results: [{ path: 'a.md' }] }))).toEqual([]);
  });
});
