import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DocumentPath } from '../../../../shared/domain/document-path';
import { invalid, valid } from './fixtures';

describe('DocumentPath', () => {
  it.each(['guide.md', 'teams/platform/guide.md', 'a/b/c/d.txt', 'notes/2025-01 retro.md', '.github/README.md', 'v1..2/x.md'])(
    'accepts %s',
    (path) => {
      expect(valid(DocumentPath, path)).toBe(path);
    },
  );

  it.each([
    ['../secrets.md', 'must not contain . or .. segments'],
    ['teams/../../etc/passwd', 'must not contain . or .. segments'],
    ['teams/..', 'must not contain . or .. segments'],
    ['./guide.md', 'must not contain . or .. segments'],
    ['/etc/passwd', 'must be relative: no leading /'],
    ['teams//guide.md', 'must not contain empty segments (// or a trailing /)'],
    ['teams/', 'must not contain empty segments (// or a trailing /)'],
    ['teams\\..\\guide.md', 'must separate folders with / and not contain \\'],
    ['C:/guide.md', 'must not contain any of < > : " | ? *'],
    ['guide\u0000.md', 'must not contain control characters'],
    ['a\nb.md', 'must not contain control characters'],
    [`${'x'.repeat(256)}.md`, 'must not have a segment longer than 255 characters'],
    ['', 'must not be empty'],
  ])('refuses %j', (path, message) => {
    expect(invalid(DocumentPath, path)).toEqual({ field: '', message });
  });

  it('refuses more than 1024 characters', () => {
    expect(invalid(DocumentPath, Array.from({ length: 11 }, () => 'x'.repeat(100)).join('/')).message).toBe(
      'must have at most 1024 characters',
    );
  });

  it('normalizes to NFC so that one name has one spelling', () => {
    expect(valid(DocumentPath, 'cafe\u0301.md')).toBe('caf\u00e9.md');
  });

  it('never accepts a path with a .. segment, wherever it is', () => {
    const segment = fc.stringMatching(/^[a-z0-9._-]{1,8}$/);
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 4 }), fc.array(segment, { maxLength: 4 }), (before, after) => {
        const path = [...before, '..', ...after].join('/');
        expect(DocumentPath.safeParse(path).success).toBe(false);
      }),
    );
  });
});
