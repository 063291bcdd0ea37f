import * as Y from 'yjs';

/**
 * What a Yjs update adds, as the clock each client reaches with it. A state vector that reaches
 * every one of those clocks holds the update: clocks are unique per client, and an update's
 * deletions always travel with its new items. An update that only deletes adds no clock, so a state
 * vector cannot tell whether it arrived; `clocks` is empty for it.
 */
export interface UpdateCoverage {
  readonly clocks: ReadonlyMap<number, number>;
}

export function coverageOf(update: Uint8Array): UpdateCoverage {
  return { clocks: Y.parseUpdateMeta(update).to };
}

export function isDeleteOnly(coverage: UpdateCoverage): boolean {
  return coverage.clocks.size === 0;
}

/** Whether `stateVector` holds every item the update adds; never true for an update that only deletes. */
export function isCoveredBy(coverage: UpdateCoverage, stateVector: ReadonlyMap<number, number>): boolean {
  if (isDeleteOnly(coverage)) return false;
  for (const [client, clock] of coverage.clocks) {
    if ((stateVector.get(client) ?? 0) < clock) return false;
  }
  return true;
}

/** Whether `doc` already holds everything `update` does: its new items and its deletions. */
export function isContainedIn(update: Uint8Array, doc: Y.Doc): boolean {
  const coverage = coverageOf(update);
  if (!isDeleteOnly(coverage) && !isCoveredBy(coverage, Y.decodeStateVector(Y.encodeStateVector(doc)))) return false;
  // The document's delete set is sorted and merged per client, so a deleted range lies in one entry.
  const deleted = Y.createDeleteSetFromStructStore(doc.store).clients;
  for (const [client, ranges] of Y.decodeUpdate(update).ds.clients) {
    const known = deleted.get(client) ?? [];
    for (const range of ranges) {
      if (!known.some((item) => item.clock <= range.clock && range.clock + range.len <= item.clock + item.len)) return false;
    }
  }
  return true;
}
