import { describe, expect, it } from 'vitest';
import { inTurn } from '../../../bench/support/in-turn';

describe('servers taking turns', () => {
  const servers = ['quorum', 'y-websocket', 'hocuspocus'] as const;

  it('starts each round with the next server and keeps every server once per round', () => {
    expect(inTurn(0, servers)).toEqual(['quorum', 'y-websocket', 'hocuspocus']);
    expect(inTurn(1, servers)).toEqual(['y-websocket', 'hocuspocus', 'quorum']);
    expect(inTurn(2, servers)).toEqual(['hocuspocus', 'quorum', 'y-websocket']);
    expect(inTurn(3, servers)).toEqual(inTurn(0, servers));
  });

  it('puts every server first, and last, equally often over as many rounds as servers', () => {
    const rounds = [0, 1, 2].map((round) => inTurn(round, servers));
    expect(new Set(rounds.map((r) => r[0]))).toEqual(new Set(servers));
    expect(new Set(rounds.map((r) => r.at(-1)))).toEqual(new Set(servers));
    for (const round of rounds) expect([...round].sort()).toEqual([...servers].sort());
  });

  it('leaves an empty list empty', () => {
    expect(inTurn(4, [])).toEqual([]);
  });
});
