import { describe, expect, it } from 'vitest';
import { titleFromFirstWords } from '../../../../shared/domain/conversation';

describe('titleFromFirstWords', () => {
  it('keeps the first eight words of the first message as one line', () => {
    expect(titleFromFirstWords('How do we go live\non **Friday** with the new `deploy` script please?')).toBe('How do we go live on Friday with');
  });

  it('shortens a long run of words with an ellipsis and refuses what has no word', () => {
    const title = titleFromFirstWords('Supercalifragilisticexpialidocious '.repeat(8));
    expect(title?.length).toBe(60);
    expect(title?.endsWith('…')).toBe(true);
    expect(titleFromFirstWords('``` *** ---')).toBeNull();
    expect(titleFromFirstWords('\u200b\u200b')).toBeNull();
  });
});
