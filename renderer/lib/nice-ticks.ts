/** Round tick values covering [min, max] for a chart axis: steps of 1, 2 or 5 times a power of ten. */
export function niceTicks(min: number, max: number, target = 5): number[] {
  const low = Math.min(0, min);
  const high = max > low ? max : low + 1;
  const raw = (high - low) / target;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const ticks: number[] = [];
  for (let v = Math.floor(low / step) * step; v < high + step; v += step) {
    ticks.push(Number(v.toPrecision(12)));
    if (v >= high) break;
  }
  return ticks;
}
