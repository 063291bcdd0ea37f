import { z } from 'zod';
import { invisibleTextProblem } from './visible-text';

const maxSegmentLength = 255;

// Characters that Windows refuses in file names; refused here so an export unpacks everywhere.
const nonPortable = /[<>:"|?*]/;

/**
 * A knowledge document's place in its knowledge base, such as `teams/platform/guide.md`. Paths
 * end up as keys, URLs and file names on export, so anything that could step outside the base
 * (`..`, a leading slash, a backslash) or alias another path (`.`, empty segments) is refused.
 * Unicode is normalized to NFC so that two spellings of `café.md` are one document.
 */
export const DocumentPath = z
  .string()
  .normalize('NFC')
  .min(1)
  .max(1024)
  .superRefine((path, ctx) => {
    const fail = (message: string): void => {
      ctx.addIssue({ code: 'custom', message });
    };
    if (/\p{Cc}/u.test(path)) return fail('must not contain control characters');
    const hidden = invisibleTextProblem(path);
    if (hidden !== undefined) return fail(hidden);
    if (path.includes('\\')) return fail('must separate folders with / and not contain \\');
    if (nonPortable.test(path)) return fail('must not contain any of < > : " | ? *');
    if (path.startsWith('/')) return fail('must be relative: no leading /');
    const segments = path.split('/');
    if (segments.some((segment) => segment === '')) {
      return fail('must not contain empty segments (// or a trailing /)');
    }
    if (segments.some((segment) => segment === '.' || segment === '..')) {
      return fail('must not contain . or .. segments');
    }
    if (segments.some((segment) => segment.length > maxSegmentLength)) {
      return fail(`must not have a segment longer than ${maxSegmentLength} characters`);
    }
  });
export type DocumentPath = z.infer<typeof DocumentPath>;
