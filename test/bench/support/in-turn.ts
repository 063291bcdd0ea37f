/**
 * The list in turn for one round of a benchmark: round r starts with the r-th entry and wraps
 * around, so that no server or configuration is always first (after a fresh start of the bench
 * process, or right after the heaviest one), and load coming and going on the machine falls on each alike.
 */
export function inTurn<T>(round: number, list: readonly T[]): T[] {
  const n = list.length;
  return list.map((_, i) => list[(((round + i) % n) + n) % n] as T);
}
