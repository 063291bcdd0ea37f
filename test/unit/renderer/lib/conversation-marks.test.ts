import { describe, expect, it } from 'vitest';
import { readMarks, toggleMark } from '../../../../renderer/lib/conversation-marks';

const storageWith = (value: string | null) => ({ getItem: () => value });

describe('conversation marks', () => {
  it('pins and unpins, and pinning takes a conversation out of the archive', () => {
    let marks = toggleMark({ pinned: [], archived: ['c1'] }, 'pinned', 'c1');
    expect(marks).toEqual({ pinned: ['c1'], archived: [] });
    marks = toggleMark(marks, 'archived', 'c1');
    expect(marks).toEqual({ pinned: [], archived: ['c1'] });
    marks = toggleMark(marks, 'archived', 'c1');
    expect(marks).toEqual({ pinned: [], archived: [] });
  });

  it('reads what was stored, and anything malformed as nothing marked', () => {
    expect(readMarks(storageWith('{"pinned":["a"],"archived":["b"]}'), 'u', 'p')).toEqual({ pinned: ['a'], archived: ['b'] });
    for (const bad of [null, '', '{', '42', '{"pinned":"a"}', '{"pinned":[1,"x"]}']) {
      const read = readMarks(storageWith(bad), 'u', 'p');
      expect(read.archived).toEqual([]);
      expect(read.pinned.every((id) => typeof id === 'string')).toBe(true);
    }
  });
});
