import { describe, expect, it } from 'vitest';
import { previewLength, previewOf } from '../../../../shared/domain/conversation-activity';

describe('previewOf', () => {
  it('puts a Markdown message on one line of visible text', () => {
    expect(previewOf({ content: '## Plan\n\n- **Ship** on [Friday](https://example.com)\n```ts\nconst a = 1;\n```' })).toBe('Plan - Ship on Friday const a = 1;');
  });

  it('cuts a long message to the preview length with an ellipsis', () => {
    const preview = previewOf({ content: 'word '.repeat(100) });
    expect(preview.length).toBeLessThanOrEqual(previewLength);
    expect(preview.length).toBeGreaterThan(previewLength - 6);
    expect(preview.endsWith('…')).toBe(true);
  });

  it('says a deleted message was deleted rather than showing nothing', () => {
    expect(previewOf({ content: '', deletedAt: '2026-01-01T00:00:00.000Z' })).toBe('This message was deleted.');
  });
});
