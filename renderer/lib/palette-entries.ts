/** Where a palette entry leads. */
export type PaletteTarget =
  | { readonly kind: 'project'; readonly id: string }
  | { readonly kind: 'conversation'; readonly id: string; readonly projectId: string }
  | { readonly kind: 'agent'; readonly id: string }
  | { readonly kind: 'model'; readonly id: string };

export interface PaletteEntry {
  readonly target: PaletteTarget;
  /** The name it is found by and shown with. */
  readonly name: string;
  /** What it is and where it lives, shown after the name. */
  readonly detail: string;
}

/** Entries shown at most: the palette is for jumping, not for browsing. */
export const paletteLimit = 30;

const kindOrder: Record<PaletteTarget['kind'], number> = { project: 0, conversation: 1, agent: 2, model: 3 };

/**
 * The entries whose name matches what was typed, best first: a name starting with it, then a word
 * of the name starting with it, then the name containing it; each rank by kind, then by name.
 * Every typed word must be found (case and accents ignored). Nothing typed lists everything.
 */
export function matchPalette(entries: readonly PaletteEntry[], typed: string): PaletteEntry[] {
  const words = fold(typed).split(/\s+/u).filter((w) => w !== '');
  const ranked: { entry: PaletteEntry; rank: number }[] = [];
  for (const entry of entries) {
    const name = fold(entry.name);
    if (!words.every((w) => name.includes(w))) continue;
    const phrase = words.join(' ');
    const rank = phrase === '' || name.startsWith(phrase) ? 0 : name.split(/[^\p{L}\p{N}]+/u).some((part) => part.startsWith(words[0] ?? '')) ? 1 : 2;
    ranked.push({ entry, rank });
  }
  return ranked
    .sort((a, b) => a.rank - b.rank || kindOrder[a.entry.target.kind] - kindOrder[b.entry.target.kind] || a.entry.name.localeCompare(b.entry.name))
    .slice(0, paletteLimit)
    .map((r) => r.entry);
}

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}
