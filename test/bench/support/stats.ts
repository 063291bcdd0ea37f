/** Summary of a sample of durations or rates, rounded for a report. */
export interface Summary {
  readonly count: number;
  readonly mean: number;
  readonly p50: number;
  readonly p99: number;
  readonly min: number;
  readonly max: number;
}

/** The nearest-rank percentile of an ascending sample: the smallest value with at least p % at or below it. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

export function round(value: number, digits = 3): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

export function summarize(values: readonly number[], digits = 3): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const mean = sorted.reduce((sum, v) => sum + v, 0) / Math.max(1, sorted.length);
  return {
    count: sorted.length,
    mean: round(mean, digits),
    p50: round(percentile(sorted, 50), digits),
    p99: round(percentile(sorted, 99), digits),
    min: round(sorted[0] ?? Number.NaN, digits),
    max: round(sorted.at(-1) ?? Number.NaN, digits),
  };
}

/** The median of a sample in any order, rounded; null for none. */
export function median(values: readonly number[], digits = 3): number | null {
  return values.length === 0 ? null : round(percentile([...values].sort((a, b) => a - b), 50), digits);
}

/** a ÷ b rounded, or null when either is missing or b is zero: a ratio to report, never a made-up one. */
export function ratio(a: number | null | undefined, b: number | null | undefined, digits = 2): number | null {
  return a === null || a === undefined || b === null || b === undefined || b === 0 ? null : round(a / b, digits);
}
