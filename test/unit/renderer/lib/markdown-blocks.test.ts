import { describe, expect, it } from 'vitest';
import { markdownBlocks } from '../../../../renderer/lib/markdown-blocks';

describe('markdownBlocks', () => {
  it('splits at blank lines but never inside fenced code', () => {
    const text = 'Intro line\nsecond line\n\n```ts\nconst a = 1;\n\nconst b = 2;\n```\n\n| a | b |\n|---|---|\n\n\nLast';
    expect(markdownBlocks(text)).toEqual(['Intro line\nsecond line', '```ts\nconst a = 1;\n\nconst b = 2;\n```', '| a | b |\n|---|---|', 'Last']);
  });

  it('keeps an unclosed fence (still streaming) as one block to the end', () => {
    expect(markdownBlocks('Text\n\n~~~\ncode\n\nmore')).toEqual(['Text', '~~~\ncode\n\nmore']);
    expect(markdownBlocks('')).toEqual([]);
  });
});
