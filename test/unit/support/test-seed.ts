import { randomInt } from 'node:crypto';
import { onTestFailed } from 'vitest';
import { seededRandom } from './seeded-random';

/** Set to replay a run: the seed a failing test printed. */
const seedVariable = 'QUORUM_TEST_SEED';

export interface SeededChance {
  readonly seed: number;
  /** A number in [0, 1), from the seed. */
  readonly random: () => number;
  /** A whole number of milliseconds in [min, max), from the seed. */
  readonly between: (min: number, max: number) => number;
  /** Waits `between(min, max)` milliseconds. */
  readonly sleep: (min: number, max: number) => Promise<void>;
}

/**
 * The randomness of one test (jittered writers, random pauses), from a seed: a new one each run
 * unless QUORUM_TEST_SEED names one, and printed when the test fails so the run can be replayed.
 * Call it inside the test.
 */
export function seededChance(): SeededChance {
  const given = process.env[seedVariable];
  const seed = given !== undefined && /^\d+$/.test(given) ? Number(given) : randomInt(2 ** 31);
  onTestFailed(({ task }) => {
    console.error(`"${task.name}" failed with random seed ${String(seed)}; replay it with ${seedVariable}=${String(seed)}.`);
  });
  const random = seededRandom(seed);
  const between = (min: number, max: number) => min + Math.floor(random() * (max - min));
  return { seed, random, between, sleep: (min, max) => new Promise((resolve) => setTimeout(resolve, between(min, max))) };
}
