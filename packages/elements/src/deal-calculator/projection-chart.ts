import { html, svg } from 'lit';

export interface ChartSeries {
  /** Also the CSS class and `::part` suffix of the line: `chart-line-<name>`. */
  name: 'equity' | 'loan-balance' | 'cash-flow';
  label: string;
  values: readonly number[];
}

const WIDTH = 640;
const HEIGHT = 260;
const LEFT = 84;
const RIGHT = 12;
const TOP = 12;
const BOTTOM = 28;

/**
 * A line chart of yearly series, drawn as SVG with no library: one polyline per series, a zero
 * line, and the extreme values on the axes. The projection table next to it carries the same
 * numbers for screen readers, so the chart is one labelled image.
 */
export function projectionChart(
  series: readonly ChartSeries[],
  title: string,
  format: (value: number) => string,
) {
  const count = Math.max(...series.map((line) => line.values.length));
  const all = series.flatMap((line) => line.values);
  const low = Math.min(0, ...all);
  const high = Math.max(0, ...all);
  const span = high - low || 1;
  const x = (i: number) => LEFT + (count > 1 ? (i / (count - 1)) * (WIDTH - LEFT - RIGHT) : 0);
  const y = (value: number) => TOP + ((high - value) / span) * (HEIGHT - TOP - BOTTOM);
  const points = (values: readonly number[]) => values.map((value, i) => `${x(i)},${y(value)}`).join(' ');
  return html`<figure part="chart" class="chart">
    <svg viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label=${title} preserveAspectRatio="xMidYMid meet">
      ${svg`
        <line class="axis" x1=${LEFT} x2=${WIDTH - RIGHT} y1=${y(0)} y2=${y(0)}></line>
        <line class="axis" x1=${LEFT} x2=${LEFT} y1=${TOP} y2=${HEIGHT - BOTTOM}></line>
        <text class="tick" x=${LEFT - 6} y=${y(high) + 4} text-anchor="end">${format(high)}</text>
        ${low < 0 ? svg`<text class="tick" x=${LEFT - 6} y=${y(low) + 4} text-anchor="end">${format(low)}</text>` : ''}
        <text class="tick" x=${LEFT - 6} y=${y(0) + 4} text-anchor="end">${format(0)}</text>
        <text class="tick" x=${x(0)} y=${HEIGHT - 8} text-anchor="middle">1</text>
        <text class="tick" x=${x(count - 1)} y=${HEIGHT - 8} text-anchor="middle">${count}</text>
        ${series.map(
          (line) =>
            svg`<polyline part="chart-line chart-line-${line.name}" class="line ${line.name}" points=${points(line.values)}></polyline>`,
        )}
      `}
    </svg>
    <figcaption class="legend">
      ${series.map((line) => html`<span class="key"><span class="swatch ${line.name}" aria-hidden="true"></span>${line.label}</span>`)}
    </figcaption>
  </figure>`;
}
