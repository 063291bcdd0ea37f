import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { filterAwarenessUpdate } from '../../../../sync-server/sync/awareness-filter';
import { encodeAwareness } from '../support/raw-sync-client';

const me = { id: 'usr_meeeeeeeeeeeeeeeeeee', name: 'Me' };
const theirs = new Set([9]);

interface Run {
  readonly result: ReturnType<typeof filterAwarenessUpdate>;
  /** The client ids kept with a state. */
  readonly claimed: readonly number[];
}

/** Runs the filter for `me`: client 9 is someone else's, every other client id is `me`'s or nobody's. */
function run(update: Uint8Array): Run {
  const result = filterAwarenessUpdate(update, me, (client) => !theirs.has(client));
  return { result, claimed: result.ok ? result.present : [] };
}

/** What another client's awareness shows after applying the filtered update, as y-protocols decodes it. */
function seenByOthers(update: Uint8Array): Map<number, unknown> {
  const awareness = new Awareness(new Y.Doc());
  awareness.setLocalState(null);
  applyAwarenessUpdate(awareness, update, 'server');
  const states = new Map(awareness.getStates());
  awareness.destroy();
  return states;
}

function filtered(run: Run): Uint8Array {
  if (!run.result.ok) throw new Error(`refused: ${run.result.reason}`);
  return run.result.update;
}

describe('filterAwarenessUpdate', () => {
  it('stamps the real identity into a state, keeping its declared fields', () => {
    const outcome = run(encodeAwareness([{ client: 1, clock: 4, state: { cursor: { index: 2 }, user: { id: 'someone-else', name: 'Mallory' } } }]));
    expect(outcome.result).toEqual({ ok: true, update: expect.any(Uint8Array), present: [1], removed: [] });
    expect(seenByOthers(filtered(outcome))).toEqual(new Map([[1, { cursor: { index: 2 }, user: me }]]));
    expect(outcome.claimed).toEqual([1]);
  });

  it('leaves out every field the presence schema does not declare, and each declared one that is not valid', () => {
    const state = { name: 'The administrator', userId: 'usr_adminadminadminadmi', note: 'x', typing: 'yes', viewing: true, cursor: { index: 1, extra: true } };
    expect(seenByOthers(filtered(run(encodeAwareness([{ client: 3, clock: 1, state }]))))).toEqual(new Map([[3, { viewing: true, user: me }]]));
  });

  it('adds the identity to a state that named none', () => {
    expect(seenByOthers(filtered(run(encodeAwareness([{ client: 2, clock: 1, state: {} }]))))).toEqual(new Map([[2, { user: me }]]));
  });

  it('keeps clocks as sent, so y-protocols orders the states as the client meant', () => {
    const awareness = new Awareness(new Y.Doc());
    awareness.setLocalState(null);
    applyAwarenessUpdate(awareness, filtered(run(encodeAwareness([{ client: 1, clock: 7, state: { cursor: { index: 7 } } }]))), 'server');
    // An older clock from the same client does not replace the newer state.
    applyAwarenessUpdate(awareness, filtered(run(encodeAwareness([{ client: 1, clock: 6, state: { cursor: { index: 6 } } }]))), 'server');
    expect(awareness.getStates().get(1)).toEqual({ cursor: { index: 7 }, user: me });
    expect(awareness.meta.get(1)?.clock).toBe(7);
    awareness.destroy();
  });

  it('passes a removal (null state) through as a removal', () => {
    const removal = run(encodeAwareness([{ client: 1, clock: 3, state: null }]));
    expect(removal.result.ok && removal.result.removed).toEqual([1]);
    const update = filtered(removal);
    const awareness = new Awareness(new Y.Doc());
    awareness.setLocalState(null);
    applyAwarenessUpdate(awareness, filtered(run(encodeAwareness([{ client: 1, clock: 2, state: { viewing: true } }]))), 'server');
    expect(awareness.getStates().has(1)).toBe(true);
    applyAwarenessUpdate(awareness, update, 'server');
    expect(awareness.getStates().has(1)).toBe(false);
    awareness.destroy();
  });

  it.each([
    ['a string', 'hello'],
    ['a number', 42],
    ['an array', [1, 2]],
  ])('turns %s, which is no presence state, into a removal', (_what, state) => {
    expect(seenByOthers(filtered(run(encodeAwareness([{ client: 1, clock: 2, state }]))))).toEqual(new Map());
  });

  it("drops states of another user's client ids and keeps the sender's own", () => {
    const outcome = run(
      encodeAwareness([
        { client: 9, clock: 100, state: { cursor: { index: 9 } } },
        { client: 2, clock: 1, state: { cursor: { index: 2 } } },
      ]),
    );
    expect(outcome.result.ok && outcome.result.present).toEqual([2]);
    expect(seenByOthers(filtered(outcome))).toEqual(new Map([[2, { cursor: { index: 2 }, user: me }]]));
    expect(outcome.claimed).toEqual([2]);
  });

  it("answers an update made only of others' states with an empty one, as a provider relays them back", () => {
    const outcome = run(encodeAwareness([{ client: 9, clock: 5, state: { user: { id: 'usr_them', name: 'Them' } } }]));
    expect(outcome.result.ok && outcome.result.present).toEqual([]);
    expect(seenByOthers(filtered(outcome))).toEqual(new Map());
    expect(outcome.claimed).toEqual([]);
  });

  it('keeps client ids bound to nobody yet', () => {
    const outcome = run(encodeAwareness([{ client: 12345, clock: 1, state: {} }]));
    expect(outcome.claimed).toEqual([12345]);
    expect(seenByOthers(filtered(outcome))).toEqual(new Map([[12345, { user: me }]]));
  });

  it('accepts an update of no states', () => {
    expect(run(encodeAwareness([])).result).toEqual({ ok: true, update: expect.any(Uint8Array), present: [], removed: [] });
  });

  it('reads the encoding y-protocols itself writes', () => {
    const source = new Awareness(new Y.Doc());
    source.setLocalState({ typing: true });
    const result = filterAwarenessUpdate(encodeAwarenessUpdate(source, [source.clientID]), me, () => true);
    expect(result.ok && seenByOthers(result.update)).toEqual(new Map([[source.clientID, { typing: true, user: me }]]));
    expect(result.ok && result.present).toEqual([source.clientID]);
    source.destroy();
  });

  it('refuses more than 64 states in one update', () => {
    const many = Array.from({ length: 65 }, (_, i) => ({ client: 1000 + i, clock: 1, state: {} }));
    expect(run(encodeAwareness(many)).result).toEqual({ ok: false, reason: expect.stringMatching(/too many/) });
    expect(run(encodeAwareness(many.slice(0, 64))).result.ok).toBe(true);
  });

  it('refuses a state larger than 16 KiB', () => {
    const big = (length: number) => encodeAwareness([{ client: 1, clock: 1, state: { note: 'x'.repeat(length) } }]);
    expect(run(big(16 * 1024)).result).toEqual({ ok: false, reason: expect.stringMatching(/too large/) });
    expect(run(big(16 * 1024 - 20)).result.ok).toBe(true);
  });

  it.each([
    ['no bytes', new Uint8Array(0)],
    ['a truncated count', new Uint8Array([0x80])],
    ['a count with no states', new Uint8Array([2])],
    ['a truncated state', new Uint8Array([1, 1, 1, 10, 0x7b])],
    ['a state that is not JSON', new Uint8Array([1, 1, 1, 2, 0x7b, 0x7b])],
  ])('refuses %s without throwing, and claims nothing', (_what, bytes) => {
    const outcome = run(bytes);
    expect(outcome.result).toEqual({ ok: false, reason: 'the presence update cannot be decoded' });
    expect(outcome.claimed).toEqual([]);
  });
});
