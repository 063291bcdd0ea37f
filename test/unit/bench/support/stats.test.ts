import { describe, expect, it } from 'vitest';
import { median, percentile, ratio, summarize } from '../../../bench/support/stats';

describe('benchmark statistics', () => {
  it('takes the nearest-rank percentile: the smallest value with at least p % at or below it', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile(sorted, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([1, 2, 3], 0)).toBe(1);
    expect(percentile([], 50)).toBeNaN();
  });

  it('finds the median of a sample in any order without reordering it', () => {
    const sample = [9, 1, 5, 3, 7];
    expect(median(sample)).toBe(5);
    expect(sample).toEqual([9, 1, 5, 3, 7]);
    expect(median([4, 1, 3, 2])).toBe(2);
    expect(median([])).toBeNull();
  });

  it('reports a ratio only when both figures exist and the divisor is not zero', () => {
    expect(ratio(15, 10)).toBe(1.5);
    expect(ratio(1, 3)).toBe(0.33);
    expect(ratio(1, 3, 3)).toBe(0.333);
    expect(ratio(null, 10)).toBeNull();
    expect(ratio(10, undefined)).toBeNull();
    expect(ratio(10, 0)).toBeNull();
  });

  it('summarizes a sample with its count, mean and percentiles', () => {
    expect(summarize([3, 1, 2, 4])).toEqual({ count: 4, mean: 2.5, p50: 2, p99: 4, min: 1, max: 4 });
  });
});
