import type { InvariantResult } from './invariants';

/**
 * The form in which two document paths are compared: case-folded, because an export unpacked on a
 * case-insensitive file system (macOS, Windows) would otherwise write `Guide.md` over `guide.md`.
 */
export function knowledgePathKey(path: string): string {
  return path.normalize('NFC').toLowerCase();
}

/**
 * Whether `path` can join a knowledge base that already holds `existing` (the paths of its other
 * documents): no two documents may share a path, and no document may sit where another one's
 * folder is (`guide.md` beside `guide.md/intro.md`), since an export could not write both.
 */
export function checkKnowledgePath(path: string, existing: Iterable<string>): InvariantResult {
  const key = knowledgePathKey(path);
  for (const other of existing) {
    const otherKey = knowledgePathKey(other);
    if (otherKey === key) return { ok: false, code: 'conflict', reason: `The knowledge base already has a document at ${other}` };
    if (otherKey.startsWith(`${key}/`) || key.startsWith(`${otherKey}/`)) {
      return { ok: false, code: 'conflict', reason: `${path} and ${other} cannot both exist: one would be the other's folder` };
    }
  }
  return { ok: true };
}
