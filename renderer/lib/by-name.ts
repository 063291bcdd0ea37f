/** Lists people read: alphabetical by name, as the person's language orders it. */
export const byName = (a: { readonly name: string }, b: { readonly name: string }): number => a.name.localeCompare(b.name);

export function sortedByName<T extends { readonly name: string }>(items: readonly T[]): T[] {
  return [...items].sort(byName);
}
