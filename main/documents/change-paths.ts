import type * as Y from 'yjs';
import { inspectUpdate } from '../../shared/sync/update-inspection';
import type { Location } from '../../shared/sync/update-inspection';

/**
 * Where an update writes in a document, as short paths for people: `settings.modelLock`,
 * `conversations.cnv_…`, `messages.*` (a new message), `messages.*.content` (a message's text).
 * Empty when the update cannot be placed in `doc` (it builds on content `doc` does not have).
 */
export function changePaths(doc: Y.Doc, update: Uint8Array): string[] {
  const inspected = inspectUpdate(doc, update);
  if (!inspected.ok) return [];
  const { insertions, deletions } = inspected.inspection;
  const entryKey = (location: Location) => {
    const first = location.steps[0];
    return first === undefined ? location.root : `${location.root}:${first.id.client}:${first.id.clock}`;
  };
  // The fields of a new entry are part of that entry: `messages.*` says it without them.
  const newEntries = new Set(insertions.filter((i) => i.location.steps.length === 1).map((i) => entryKey(i.location)));
  const paths = new Set<string>();
  for (const { location } of [...insertions, ...deletions]) {
    if (location.steps.length > 1 && newEntries.has(entryKey(location))) continue;
    paths.add(pathOf(location));
  }
  return [...paths].sort();
}

function pathOf(location: Location): string {
  const keys = location.steps.map((step) => step.key ?? '*');
  // Characters of a text are not places of their own: the text is.
  while (keys.length > 1 && keys[keys.length - 1] === '*') keys.pop();
  return [location.root, ...keys].join('.');
}
