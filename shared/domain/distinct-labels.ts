/**
 * Labels for a list or picker in which every entry can be told apart: a name that appears once is
 * shown alone; names shared by several entries get what tells them apart (owner, visibility,
 * version…) after them, and a number if even that is the same.
 */
export function distinctLabels<T extends { readonly id: string; readonly name: string }>(entries: readonly T[], details: (entry: T) => readonly string[]): Map<string, string> {
  const byName = new Map<string, T[]>();
  for (const entry of entries) byName.set(entry.name, [...(byName.get(entry.name) ?? []), entry]);
  const labels = new Map<string, string>();
  for (const [name, group] of byName) {
    if (group.length === 1) {
      labels.set(group[0]?.id ?? '', name);
      continue;
    }
    const seen = new Map<string, number>();
    for (const entry of group) {
      const base = `${name} (${details(entry).join(' · ')})`;
      const count = (seen.get(base) ?? 0) + 1;
      seen.set(base, count);
      labels.set(entry.id, count === 1 ? base : `${base} #${String(count)}`);
    }
  }
  return labels;
}
