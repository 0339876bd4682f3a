/** How the deal narratives write figures; `narrative-numbers.ts` reads exactly these forms back. */
export const dollars = (value: number) =>
  `${value < 0 ? '-' : ''}$${Math.round(Math.abs(value)).toLocaleString('en-US')}`;

export const percent = (fraction: number) => `${(fraction * 100).toFixed(1)}%`;

export const times = (ratio: number) => ratio.toFixed(2);
