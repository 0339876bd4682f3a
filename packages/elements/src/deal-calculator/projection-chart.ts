import type { LitTags } from '../base/lit-tags.js';

export interface ChartSeries {
  /** Also the CSS class and `::part` suffix of the line: `chart-line-<name>`. */
  name: 'equity' | 'loan-balance' | 'cash-flow';
  label: string;
  values: readonly number[];
}

const HEIGHT = 240;
const RIGHT = 12;
const TOP = 12;
const BOTTOM = 28;
/** Axis labels are 12 px: two of them closer than this would overlap. */
const LABEL_GAP = 14;
/** About how wide a 12 px digit is, to make room for the longest amount on the axis. */
const CHAR_WIDTH = 7;

/**
 * A line chart of yearly series, drawn as SVG with no library: one polyline per series, a zero
 * line, the extreme values and a few years on the axes, and a tooltip on every point. It is drawn
 * at the pixel width it is shown at (`width`), not scaled, so its 12 px labels stay 12 px on a
 * phone. The projection table next to it carries the same numbers for screen readers.
 */
export function projectionChart(
  { html, svg }: LitTags,
  series: readonly ChartSeries[],
  labels: { title: string; year: string },
  format: (value: number) => string,
  width: number,
) {
  const count = Math.max(...series.map((line) => line.values.length));
  const all = series.flatMap((line) => line.values);
  const low = Math.min(0, ...all);
  const high = Math.max(0, ...all);
  const span = high - low || 1;
  const left = 8 + CHAR_WIDTH * Math.max(format(high).length, format(low).length);
  const x = (i: number) => left + (count > 1 ? (i / (count - 1)) * (width - left - RIGHT) : 0);
  const y = (value: number) => TOP + ((high - value) / span) * (HEIGHT - TOP - BOTTOM);
  const points = (values: readonly number[]) => values.map((value, i) => `${x(i)},${y(value)}`).join(' ');
  const amounts = [high, ...(low < 0 ? [low] : [])];
  if (amounts.every((amount) => Math.abs(y(amount) - y(0)) >= LABEL_GAP)) amounts.push(0);
  const yearStep = Math.max(1, Math.ceil(count / Math.max(2, Math.floor((width - left) / 48))));
  const years = Array.from({ length: count }, (_, i) => i).filter(
    (i) => i % yearStep === 0 || i === count - 1,
  );
  if (years.length > 1 && years.at(-1)! - years.at(-2)! < yearStep / 2) years.splice(-2, 1);
  return html`<figure part="chart" class="chart">
    <svg width=${width} height=${HEIGHT} viewBox="0 0 ${width} ${HEIGHT}" role="img" aria-label=${labels.title}>
      ${svg`
        <line class="axis" x1=${left} x2=${width - RIGHT} y1=${y(0)} y2=${y(0)}></line>
        <line class="axis" x1=${left} x2=${left} y1=${TOP} y2=${HEIGHT - BOTTOM}></line>
        ${amounts.map((amount) => svg`<text class="tick" x=${left - 6} y=${y(amount) + 4} text-anchor="end">${format(amount)}</text>`)}
        ${years.map((i) => svg`<text class="tick" x=${x(i)} y=${HEIGHT - 8} text-anchor="middle">${i + 1}</text>`)}
        ${series.map(
          (line) =>
            svg`<polyline part="chart-line chart-line-${line.name}" class="line ${line.name}" points=${points(line.values)}></polyline>
            ${line.values.map(
              (value, i) =>
                svg`<circle class="point ${line.name}" cx=${x(i)} cy=${y(value)} r="4"><title>${labels.year} ${i + 1} · ${line.label}: ${format(value)}</title></circle>`,
            )}`,
        )}
      `}
    </svg>
    <figcaption class="legend">
      ${series.map((line) => html`<span class="key"><span class="swatch ${line.name}" aria-hidden="true"></span>${line.label}</span>`)}
    </figcaption>
  </figure>`;
}
