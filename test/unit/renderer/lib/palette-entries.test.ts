import { describe, expect, it } from 'vitest';
import { matchPalette, paletteLimit } from '../../../../renderer/lib/palette-entries';
import type { PaletteEntry } from '../../../../renderer/lib/palette-entries';

const entry = (kind: 'project' | 'agent' | 'model', name: string): PaletteEntry => ({ target: { kind, id: `${kind}-${name}` }, name, detail: kind });
const conversation = (name: string): PaletteEntry => ({ target: { kind: 'conversation', id: `c-${name}`, projectId: 'p' }, name, detail: 'conversation' });

describe('matchPalette', () => {
  const entries = [entry('model', 'Launch model'), conversation('Plan the launch'), entry('project', 'Launch'), entry('agent', 'Relaunch helper'), entry('project', 'Café ideas')];

  it('puts names starting with the text first, then words starting with it, then names containing it', () => {
    expect(matchPalette(entries, 'launch').map((e) => e.name)).toEqual(['Launch', 'Launch model', 'Plan the launch', 'Relaunch helper']);
  });

  it('ignores case and accents and needs every typed word', () => {
    expect(matchPalette(entries, 'CAFE').map((e) => e.name)).toEqual(['Café ideas']);
    expect(matchPalette(entries, 'plan launch').map((e) => e.name)).toEqual(['Plan the launch']);
    expect(matchPalette(entries, 'plan zebra')).toEqual([]);
  });

  it('lists everything, by kind then name, when nothing is typed, up to the limit', () => {
    expect(matchPalette(entries, '  ').map((e) => e.target.kind)).toEqual(['project', 'project', 'conversation', 'agent', 'model']);
    const many = Array.from({ length: paletteLimit + 5 }, (_, i) => entry('project', `P${String(i).padStart(2, '0')}`));
    expect(matchPalette(many, '')).toHaveLength(paletteLimit);
  });
});
