import { useId } from 'react';
import { niceTicks } from '../../lib/nice-ticks';

export interface ChartSeries {
  readonly name: string;
  /** One value per category; null where the series has none. */
  readonly values: readonly (number | null)[];
}

interface BarChartProps {
  readonly title: string;
  /** What the categories are (the vertical axis). */
  readonly categoryLabel: string;
  /** What the values measure (the horizontal axis). */
  readonly valueLabel: string;
  readonly categories: readonly string[];
  readonly series: readonly ChartSeries[];
  readonly format?: (value: number) => string;
}

const rowHeight = 18;
const groupGap = 10;
const labelWidth = 150;
const plotWidth = 420;
const right = 56;
const top = 8;
const axisSpace = 44;

const plain = (value: number) => String(Number(value.toFixed(2)));

/**
 * Horizontal bars in plain SVG, grouped by category with one bar per series, with labelled axes
 * and ticks. The same figures follow in a table for screen readers and for reading exact values.
 */
export function BarChart({ title, categoryLabel, valueLabel, categories, series, format = plain }: BarChartProps) {
  const titleId = useId();
  const values = series.flatMap((s) => s.values).filter((v): v is number => v !== null);
  const ticks = niceTicks(Math.min(0, ...values), Math.max(0, ...values));
  const low = ticks[0] ?? 0;
  const high = ticks[ticks.length - 1] ?? 1;
  const x = (v: number) => labelWidth + ((v - low) / (high - low || 1)) * plotWidth;
  const groupHeight = series.length * rowHeight + groupGap;
  const plotHeight = Math.max(1, categories.length) * groupHeight;
  const height = top + plotHeight + axisSpace;
  const width = labelWidth + plotWidth + right;

  return (
    <figure className="chart">
      <figcaption id={titleId} className="chart-title">
        {title}
      </figcaption>
      {series.length > 1 && (
        <ul className="chart-legend" aria-hidden="true">
          {series.map((s, i) => (
            <li key={s.name}>
              <span className={`swatch series-${String(i % 6)}`} />
              {s.name}
            </li>
          ))}
        </ul>
      )}
      {values.length === 0 ? (
        <p className="muted">No figures yet.</p>
      ) : (
        <svg className="chart-svg" viewBox={`0 0 ${String(width)} ${String(height)}`} width={width} height={height} role="img" aria-labelledby={titleId}>
          {ticks.map((t) => (
            <g key={t}>
              <line className="chart-grid" x1={x(t)} x2={x(t)} y1={top} y2={top + plotHeight} />
              <text className="chart-tick" x={x(t)} y={top + plotHeight + 14} textAnchor="middle">
                {format(t)}
              </text>
            </g>
          ))}
          <line className="chart-axis" x1={x(0)} x2={x(0)} y1={top} y2={top + plotHeight} />
          {categories.map((category, c) => {
            const groupTop = top + c * groupHeight + groupGap / 2;
            return (
              <g key={category}>
                <text className="chart-category" x={labelWidth - 8} y={groupTop + (series.length * rowHeight) / 2 + 4} textAnchor="end">
                  {category.length > 22 ? `${category.slice(0, 21)}…` : category}
                  <title>{category}</title>
                </text>
                {series.map((s, i) => {
                  const value = s.values[c] ?? null;
                  if (value === null) return null;
                  const y = groupTop + i * rowHeight + 2;
                  const from = Math.min(x(0), x(value));
                  const barWidth = Math.max(1, Math.abs(x(value) - x(0)));
                  return (
                    <g key={s.name}>
                      <rect className={`chart-bar series-${String(i % 6)}`} x={from} y={y} width={barWidth} height={rowHeight - 4} rx={2}>
                        <title>{`${s.name}, ${category}: ${format(value)}`}</title>
                      </rect>
                      <text className="chart-value" x={from + barWidth + 4} y={y + rowHeight - 7}>
                        {format(value)}
                      </text>
                    </g>
                  );
                })}
              </g>
            );
          })}
          <text className="chart-axis-label" x={labelWidth + plotWidth / 2} y={height - 6} textAnchor="middle">
            {valueLabel}
          </text>
          <text className="chart-axis-label" x={12} y={top + plotHeight / 2} textAnchor="middle" transform={`rotate(-90 12 ${String(top + plotHeight / 2)})`}>
            {categoryLabel}
          </text>
        </svg>
      )}
      <details className="chart-data">
        <summary>{`${title}: as a table`}</summary>
        <table className="dense-table" aria-label={`${title} (table)`}>
          <thead>
            <tr>
              <th scope="col">{categoryLabel}</th>
              {series.map((s) => (
                <th key={s.name} scope="col">
                  {s.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {categories.map((category, c) => (
              <tr key={category}>
                <th scope="row">{category}</th>
                {series.map((s) => {
                  const value = s.values[c] ?? null;
                  return <td key={s.name}>{value === null ? '—' : format(value)}</td>;
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
