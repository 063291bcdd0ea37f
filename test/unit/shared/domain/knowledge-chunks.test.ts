import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunkKnowledgeText } from '../../../../shared/domain/knowledge-chunks';

const words = (text: string) => text.split(/\s+/).filter((word) => word !== '');

describe('chunkKnowledgeText', () => {
  it('gathers short paragraphs into one chunk and starts a new one at the limit', () => {
    expect(chunkKnowledgeText('One.\n\nTwo.\n  \nThree.', 100)).toEqual(['One.\n\nTwo.\n\nThree.']);
    expect(chunkKnowledgeText('aaaa\n\nbbbb\n\ncccc', 10)).toEqual(['aaaa\n\nbbbb', 'cccc']);
  });

  it('cuts a long paragraph between sentences, else between words', () => {
    expect(chunkKnowledgeText('First sentence here. Second sentence there.', 30)).toEqual(['First sentence here.', 'Second sentence there.']);
    expect(chunkKnowledgeText('alpha beta gamma delta epsilon', 12)).toEqual(['alpha beta', 'gamma delta', 'epsilon']);
    expect(chunkKnowledgeText('x'.repeat(25), 10)).toEqual(['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(5)]);
  });

  it('has no chunk for empty text', () => {
    expect(chunkKnowledgeText('')).toEqual([]);
    expect(chunkKnowledgeText(' \n\n \n')).toEqual([]);
  });

  it('keeps every word, in order, in non-empty chunks within the limit', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b', ' ', '.', '\n', 'é'), maxLength: 400 }), fc.integer({ min: 4, max: 60 }), (text, limit) => {
        const chunks = chunkKnowledgeText(text, limit);
        for (const chunk of chunks) {
          expect(chunk.length).toBeGreaterThan(0);
          expect(chunk.length).toBeLessThanOrEqual(limit);
        }
        expect(words(chunks.join(' ')).join('')).toBe(words(text).join(''));
      }),
      { seed: 15, numRuns: 300 },
    );
  });
});
